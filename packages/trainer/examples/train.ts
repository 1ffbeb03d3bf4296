// Trains KGAT on a dataset (a preset or a folder; default MovieLens-100K), prints its test metrics, and reloads the run.
import { openSavedRun, train } from '@kg4rec/trainer';

const [dataset = 'movielens-100k', out = 'runs/kgat-example'] = process.argv.slice(2);
const { bestEpoch, test } = await train({ dataset, model: 'kgat', epochs: 3 }, { out });
console.log(`best epoch ${bestEpoch}: Recall@20 ${test.means['recall@20']?.toFixed(4)}`);
const { model } = await openSavedRun(out); // the saved run, its data split rebuilt
console.log(`${(await model.fullSortScores(Int32Array.of(0))).length} scores for user 0`);
model.dispose();
