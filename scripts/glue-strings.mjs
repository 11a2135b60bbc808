// Short ASCII strings read in JavaScript, in the glue dist/ ships.
//
// wasm-bindgen's glue reads every string a module hands to the page (an attribute's name
// and value, a class, a text node) with one TextDecoder call on a fresh view of the
// module's memory. A widget's first draw hands over tens of thousands of them, nearly
// all short and ASCII: the 1,500-question form's first draw, 29,103 strings, 26,595 of
// them ASCII and under 64 bytes, 2,591 distinct ("class" 6,020 times). For those the
// decoder's fixed cost per call is most of the time; building the string from the bytes
// in JavaScript skips it. Longer strings, and any with a byte above 0x7f, still go to the
// decoder, so what the page gets is the same string.
// Measured on that first draw on a freshly loaded page (bench/form-cold.html, 30 loads of
// each build interleaved, a fresh browser context each; two such runs): medians 375.4 →
// 346.4 and 393.4 → 361.5 ms, paired differences −13.9 and −26.8 ms (median), −9.1 and
// −17.9 ms (mean). The time to the first interactive calculator did not move measurably.
//
// The glue is wasm-bindgen's text: the function is replaced only where it is exactly the
// one wasm-bindgen writes, found once; any other glue is refused, so a wasm-bindgen that
// writes it differently stops the release instead of shipping the slower reader unseen.

/** wasm-bindgen's reader of a string the module hands over (0.2.100 and later). */
export const BINDGEN_READER = `function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}`;

/** The same reader, with short ASCII strings built in JavaScript. */
export const SHORT_ASCII_READER = `function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    const bytes = getUint8ArrayMemory0();
    if (len < 64) {
        let text = "";
        for (let i = ptr, end = ptr + len; i < end; i++) {
            const byte = bytes[i];
            if (byte > 0x7f) return decodeText(bytes.subarray(ptr, end));
            text += String.fromCharCode(byte);
        }
        return text;
    }
    return decodeText(bytes.subarray(ptr, ptr + len));
}`;

/** `glue` with its string reader replaced by SHORT_ASCII_READER; throws unless found once. */
export function readShortStringsInJs(glue) {
  const parts = glue.split(BINDGEN_READER);
  if (parts.length !== 2) {
    throw new Error(`glue-strings: wasm-bindgen's getStringFromWasm0 found ${parts.length - 1} times, not once: has wasm-bindgen changed it?`);
  }
  return parts.join(SHORT_ASCII_READER);
}
