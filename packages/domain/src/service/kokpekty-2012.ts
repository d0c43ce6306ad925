/** The act all six seed-002 services come from, and the СФЕ names its tables print. */
export const KOKPEKTY_2012_ACT =
  'Akimat of Kokpekty district, East Kazakhstan region, resolution of 24.12.2012 N 417; registered 04.02.2013 N 2869 (repealed 13.05.2013 N 127)'

export const KOKPEKTY_SFE = {
  portal: ['Потребитель', 'ПЭП', 'Потребитель', 'ПЭП', 'Потребитель', 'АРМ РШЭП'],
  desk: ['Услугодатель', 'Услугодатель', 'Услугодатель', 'ГБД ФЛ', 'Услугодатель', 'АРМ РШЭП'],
  /** Services 2 and 3 name «Услугодатель» for the registration step (step 6) of the desk table. */
  deskProviderRegisters: ['Услугодатель', 'Услугодатель', 'Услугодатель', 'ГБД ФЛ', 'Услугодатель', 'Услугодатель', 'АРМ РШЭП'],
  centre: ['АРМ ИС ЦОН', 'Оператор Центра', 'Оператор Центра', 'ГБД ФЛ, ЕНИС', 'Оператор Центра', 'Оператор Центра', 'АРМ РШЭП'],
} as const
