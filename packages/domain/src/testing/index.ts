export { spec, SpecificationFailed, type Given, type Then } from './given-when-then.js'
export { deepEqual } from './equal.js'
