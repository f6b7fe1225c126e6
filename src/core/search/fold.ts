const ASCII = /^[\x00-\x7f]*$/;

/**
 * Text without diacritics ("cirugía" -> "cirugia", "café" -> "cafe", "niño" -> "nino"). Both
 * engines index folded text and fold the query the same way, so accents are optional on either
 * side; this is the one function that decides.
 */
export function fold(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}
