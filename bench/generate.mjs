// Generated test data for the benchmark pages and the demo examples: deterministic (a
// seeded generator), runs in the browser and in Node. Nothing here is real: names,
// identifiers and companies are made up, with valid check characters so the engine
// treats them as well-formed.

/** A small seeded generator (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";
/** A 居民身份证号码 with a valid GB 11643 check character. */
export function residentId(random) {
  const area = String(110101 + Math.floor(random() * 5000)).padStart(6, "0");
  const y = 1965 + Math.floor(random() * 35);
  const m = 1 + Math.floor(random() * 12);
  const d = 1 + Math.floor(random() * 28);
  const seq = String(Math.floor(random() * 1000)).padStart(3, "0");
  const first = `${area}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${seq}`;
  const sum = [...first].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i], 0);
  return first + ID_CHECK[sum % 11];
}

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A 统一社会信用代码 with a valid GB 32100 check character. */
export function uscc(random) {
  let first = "91350100";
  while (first.length < 17) first += USCC_CHARS[Math.floor(random() * 31)];
  const sum = [...first].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i], 0);
  return first + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华", "晓东"];
const COMPANIES = ["示例药业有限公司", "样本制药股份有限公司", "演示生物医药有限公司", "测试医药科技有限公司"];
const BEHAVIOURS = ["b_unfiled", "b_no_consent", "b_sales", "b_prescriptions", "b_funding", "b_misleading", "b_kickbacks"];

/**
 * `n` submissions to the built-in 医药代表个人自查表 (template representative-personal,
 * version as given). About one in twelve reports a prohibited behaviour (with the
 * explanation, measure and deadline the engine requires); about one in forty lacks the
 * attestation, so the summary has something to find.
 */
export function personalSubmissions(n, { seed = 1, version = "2026.3" } = {}) {
  const random = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const name = SURNAMES[Math.floor(random() * SURNAMES.length)] + GIVEN[Math.floor(random() * GIVEN.length)];
    const day = String(1 + (i % 20)).padStart(2, "0");
    const answers = {
      name,
      id_number: residentId(random),
      phone: `138${String(Math.floor(random() * 1e8)).padStart(8, "0")}`,
      mah_name: COMPANIES[i % COMPANIES.length],
      mah_uscc: uscc(random),
      filed: true,
      filing_date: "2025-03-01",
      contract: random() < 0.8 ? "labour_contract" : "authorisation",
      activity_count: 0,
    };
    for (const b of BEHAVIOURS) answers[b] = false;
    const findings = {};
    if (random() < 1 / 12) {
      const b = BEHAVIOURS[Math.floor(random() * BEHAVIOURS.length)];
      answers[b] = true;
      findings[b] = { explanation: "自查发现一次，已停止", measure: "停止该行为并完成培训", deadline: "2026-12-31" };
    }
    if (random() >= 1 / 40) answers.attestation = { agreed: true, name, date: `2026-11-${day}` };
    out.push({
      schema: "yaojian/submission/1",
      template: { id: "representative-personal", version },
      reference: `ZC202611${day}-${(0x10000000 + i * 7919).toString(16).slice(-8).toUpperCase()}`,
      started_at: `2026-11-${day}T09:00:00+08:00`,
      submitted_at: `2026-11-${day}T09:30:00+08:00`,
      answers,
      findings,
    });
  }
  return out;
}

/**
 * A template of `groups` × (yes/no + an explanation shown after a "yes" + a text
 * question): 1,500 questions for 500 groups, in one section, as the benchmark in
 * issue #4 asks.
 */
export function bigTemplate(groups) {
  const questions = [];
  for (let i = 0; i < groups; i++) {
    questions.push(
      { id: `q${i}`, kind: "yes_no", label: `第 ${i + 1} 项：是否存在问题`, required: true },
      { id: `q${i}_why`, kind: "long_text", label: `第 ${i + 1} 项：情况说明`, required: true, visible_if: { equals: [`q${i}`, true] } },
      { id: `q${i}_note`, kind: "text", label: `第 ${i + 1} 项：备注` },
    );
  }
  return {
    schema: "yaojian/form/1",
    id: `bench-${groups * 3}`,
    version: "1",
    title: `基准测试自查表（${groups * 3} 题）`,
    sections: [{ id: "all", title: "全部问题", questions }],
  };
}

const KINDS = ["risk_hazard", "problem_lead", "rectification"];
const SOURCES = ["inspection", "sampling", "complaint", "lead", "self_inspection", "risk_consultation", "other"];
const PROBLEMS = ["阴凉库温湿度记录不全", "未按规定建立药品追溯制度", "处方审核记录缺失", "冷链运输温度超标未处置",
  "购进记录与随货同行单不符", "未按规定开展药品不良反应监测", "陈列药品与非药品未分区", "质量管理人员未在职在岗"];
const RULES = ["dal-126", "dal-127-1", null, null];
const iso = (d) => d.toISOString().slice(0, 10);

/**
 * A `yaojian/checklist/1` list of `n` generated items: 200 units, deadlines spread
 * over six months around 2026-11-22, every status, closed items with their passing
 * re-inspection and close-out, as the engine's checks require.
 */
export function checklistItems(n, { seed = 1 } = {}) {
  const random = rng(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const base = Date.UTC(2026, 8, 1);
  const items = [];
  for (let k = 0; k < n; k++) {
    const status = pick(["pending", "pending", "in_progress", "awaiting_reinspection", "closed"]);
    const immediate = random() < 0.1;
    const deadline = immediate ? null : iso(new Date(base + Math.floor(random() * 180) * 86400000));
    const day = deadline ?? "2026-10-01";
    const reported = status === "awaiting_reinspection" || status === "closed";
    items.push({
      id: `ZG-2026-${String(k + 1).padStart(4, "0")}`,
      list: pick(KINDS),
      source: pick(SOURCES),
      problem: pick(PROBLEMS),
      provision: "《药品经营质量管理规范》",
      legal_basis: "《中华人民共和国药品管理法》第一百二十六条",
      rule: pick(RULES),
      measures: ["完善制度", "培训相关人员"],
      unit: `示例医药企业${String(Math.floor(random() * 200) + 1).padStart(3, "0")}`,
      person: pick(["张三", "李四", "王五", "赵六"]),
      mode: immediate ? "immediate" : "deadline",
      deadline,
      status,
      evidence: reported ? [{ date: day, text: "整改报告" }] : [],
      reinspections: status === "closed" ? [{ date: day, inspector: "孙八", conclusion: "corrected" }] : [],
      close_out: status === "closed" ? { approver: "周九", date: day } : null,
      history: [],
    });
  }
  return { schema: "yaojian/checklist/1", items };
}
