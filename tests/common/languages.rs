//! What tells languages apart in the texts the tests read.

/// CJK ideographs and full-width punctuation (CJK symbols, half- and full-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// `text` without its marked quotations (“…”): Chinese that English quotes as written,
/// such as an amount typed as “150万”.
pub fn outside_quotations(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            c if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

/// Simplified characters whose traditional form differs (taken from the pairs of the
/// catalogs and the penalty translations, leaving out characters Traditional Chinese
/// also writes, such as 系, 注 and 后): none belongs in zh-TW.
pub const SIMPLIFIED_ONLY: &str = "万与业丢两严个临为举书产亿仅从会体储关内写决况减则删别办务动区医华单却历发变叠号听员国场处备复套实审对导将层属带应开弃当录态总执报拟择换数无旧时显暂机权条来标样档检模毕汇没浏添点状环现电监盖码确离称筛签简类级纳线组终经结给络绝统继续综编缴网罚联节药获虑见规览触计订认议记许论设证识诉词译试话该详语误说请诺读负财责败货质贴资转轻载较辑输达过运还这进违连选邮钥销错键门闭问间阅险隐页项顺须题额颠风验骤默";
