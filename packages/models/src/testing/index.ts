/**
 * Test helpers for kg4rec's models: the planted multimodal dataset and the backend parity check
 * every model passes. Import from `@kg4rec/models/testing`.
 */
export { coldPrecision, plantedData, type TrainableModel, train, USERS } from '../planted-for-tests';
export {
  compareWithCpu,
  PARITY_TOLERANCE,
  type ParityOutcome,
  type ParityRow,
  parityCases,
  parityOutcome,
} from './parity';
