import * as t from 'io-ts'

/**
 * Why a provider extends the term of a service. The seeds notify the citizen «в случае продления срока оказания
 * услуги» (002 §2, §4–6 Прил.3) but print neither the grounds nor the length; these are the occasions on which the
 * provider cannot decide within the term without outside help, and the provider's act (`decisionRef`) names which.
 */
export const ExtensionGround = t.keyof(
  {
    /** Documents or information were requested from other state bodies or organisations. */
    documents_requested: null,
    /** A visit to inspect the living conditions or the property is needed (guardianship services). */
    inspection: null,
    /** An additional study or check of the documents submitted. */
    additional_check: null,
  },
  'ExtensionGround',
)
export type ExtensionGround = t.TypeOf<typeof ExtensionGround>
