/**
 * The queue movement the pages show: the read model keeps every list's quarterly series current as events arrive
 * (read-model/queue-movement.ts), so a page asks for one list and gets it without walking the history.
 */
import type { ReadModels } from '../read-model/projections.js'
export type { ListMovement, QuarterFigures } from '../read-model/queue-movement.js'
import type { ListMovement } from '../read-model/queue-movement.js'

export interface MovementSource {
  /** One list's figures up to now, and the instant they stand at. */
  readonly of: (listId: string) => { readonly movement: ListMovement | undefined; readonly asOf: Date }
}

export const movementSource = (read: ReadModels, clock: () => Date): MovementSource => ({
  of: (id) => {
    const asOf = clock()
    return { movement: read.movement.of(id, asOf.getTime()), asOf }
  },
})
