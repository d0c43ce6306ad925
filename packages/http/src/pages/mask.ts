/**
 * The IIN on a screen: the citizen's status screen shows it as the regulation's field, but masked — the birth
 * date and serial stay hidden from anyone looking over a shoulder; the last four digits let the owner recognise it.
 */
export const maskIin = (iin: string): string => (/^\d{12}$/.test(iin) ? `••••••••${iin.slice(8)}` : '••••')
