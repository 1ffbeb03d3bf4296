import { packageTests } from '../../tooling/vitest.preset.ts';

export default packageTests();
