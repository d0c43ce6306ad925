export { spec, SpecificationFailed, type Given, type Then } from './given-when-then'
export { deepEqual } from './equal'
