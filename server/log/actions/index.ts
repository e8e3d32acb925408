export { OktaActionClassifier, SEQUENCE_WINDOW_MS } from './classify';
export type { ActionRequest } from './request-shape';
