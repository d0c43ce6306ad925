/**
 * The demo's background: ten years of a region's applications from the seeded generator (every history decided
 * by the real decider, wrapped in the application service's envelopes), for the configured providers.
 */
import * as E from 'fp-ts/lib/Either.js'
import { appendDecisions, generateDecisions, realisticProfile } from '@kezek/adapters/generator'
import type { EventStore } from '@kezek/adapters'
import type { ProviderConfig } from '../http/services.js'

export const loadDemoHistory = async (
  store: EventStore,
  providers: readonly ProviderConfig[],
  options: { readonly seed: number; readonly events: number },
): Promise<{ readonly decisions: number; readonly events: number }> => {
  const profile = {
    ...realisticProfile,
    providers: providers.map((p, i) => ({
      id: p.id,
      weight: 1 / (i + 1),
      ruleVersion: p.definition.ruleVersion,
      decisionMinutes: 20 * 24 * 60,
    })),
  }
  const loaded = await appendDecisions(store, generateDecisions({ seed: options.seed, events: options.events, profile }))
  if (E.isLeft(loaded)) throw new Error(`demo history could not be appended: ${loaded.left.kind}`)
  return loaded.right
}
