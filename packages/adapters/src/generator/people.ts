/**
 * Names and texts the generated histories carry: certificate holders, documents per category, an officer's
 * reasons for a motivated refusal, notes on a data change. Plausible, made up, and never real persons' data.
 */
import type { Category, SignatureFailure } from '@kezek/domain'

export const surnames = [
  'АХМЕТОВ', 'ЖУМАБАЕВА', 'СЕРИКОВ', 'НУРЛАНОВА', 'ОСПАНОВ', 'КАСЫМОВА', 'ИВАНОВ', 'ТЛЕУБАЕВА', 'ЕСЕНОВ',
  'ПАК', 'БЕКОВА', 'САДЫКОВ', 'КИМ', 'ОМАРОВА', 'ДЖАКУПОВ', 'ПЕТРОВА',
] as const

export const givenNames = [
  'АЙГЕРИМ', 'НУРСУЛТАН', 'ДИНАРА', 'АСЕТ', 'ГУЛЬНАРА', 'ЕРЛАН', 'САУЛЕ', 'ТИМУР', 'АЛИЯ', 'МАРАТ', 'ЖАНАР', 'ОЛЕГ',
] as const

export const issuers = {
  production: 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA),C=KZ',
  stranger: 'CN=Unknown Issuing CA,O=Somewhere,C=XX',
} as const

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'

const common = ['identity_document', 'family_composition', 'no_housing_certificate'] as const

export const documentKinds: Readonly<Record<Category, readonly string[]>> = {
  socially_vulnerable: [...common, 'income_certificate'],
  state_employees: [...common, 'employment_certificate'],
  orphans: [...common, 'orphan_status_certificate'],
  emergency_dwelling: [...common, 'emergency_dwelling_act'],
  war_veterans: [...common, 'veteran_certificate'],
}

export const nonconformityReasons = [
  'не представлена справка о доходах за последние 12 месяцев',
  'справка об отсутствии жилья выдана более 30 дней назад',
  'среднедушевой доход семьи превышает установленный порог',
  'копия документа, удостоверяющего личность, нечитаема',
  'сведения о составе семьи не совпадают с ГБД ФЛ',
  'не подтверждена принадлежность к категории',
] as const

export const changeNotes = [
  'рождение ребёнка',
  'регистрация брака',
  'выбытие члена семьи',
  'повторная проверка документов, подтверждающих категорию',
] as const

export const signatureFailureDetail: Readonly<Record<SignatureFailure, string>> = {
  certificate_expired: 'the certificate expired before signing',
  certificate_not_yet_valid: 'the certificate is not valid yet',
  certificate_revoked: 'the certificate is on the CRL',
  untrusted_issuer: 'the issuer does not chain to a trusted НУЦ РК root',
  wrong_key_usage: 'an authentication key was used to sign',
  iin_mismatch: 'the certificate IIN differs from the applicant IIN',
  signature_invalid: 'SignatureValue does not verify',
  unsupported_algorithm: 'GOST 34.310-2004 keys are not supported',
  signer_role_missing: 'the certificate does not carry the NCA role the document needs',
  policy_not_accepted: 'the certificate policy is not accepted for this document',
}

export const appealRefs = ['жалоба в уполномоченный орган', 'решение суда', 'решение комиссии по жалобе'] as const
