import { packageBuild } from '../../tooling/tsup.preset.ts';

export default packageBuild({ index: 'src/index.ts', bin: 'src/bin.ts' });
