/** Small rules of French writing shared by the pages. */

/** Words starting with an aspirated h, which take « de » and not « d’ » (« de Hollande »). */
const ASPIRATED_H = /^h(aut|aute|ollande|ongrie|onduras|ameau|angar|all|ach|éros|asard)/i;

/**
 * « de » before a name, elided before a vowel or a mute h: « d’Atelier Reboot », « d’Hélène »,
 * « de Sami », « de Hollande ».
 */
export function deName(name: string): string {
  const word = name.trim();
  const elided = /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(word) || (/^h/i.test(word) && !ASPIRATED_H.test(word));
  return elided ? `d’${word}` : `de ${word}`;
}
