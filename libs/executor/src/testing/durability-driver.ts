/**
 * A child process for the durability test: runs (mode `start`) or resumes (mode `resume`) the
 * pipeline in `<dir>/pipeline.json` on the SQLite store and artifact store under `<dir>`, and
 * reports step events on stdout so that the test can SIGKILL it at chosen points.
 *
 *   node --import tsx durability-driver.ts <dir> start <executionId>
 *   node --import tsx durability-driver.ts <dir> resume
 *
 * stdout lines: `EVENT <step-status json>`, `DONE <executionId> <status>`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLocalArtifactStore } from '@pedigree/artifact-store';
import type { ExecutionId } from '@pedigree/domain';
import { createSqliteGraphStore } from '@pedigree/graph-store-sqlite';
import { parseDefinition } from '@pedigree/sdk';
import { createExecutor } from '../executor.ts';

const [dir, mode, executionId] = process.argv.slice(2);
if (!dir || (mode !== 'start' && mode !== 'resume')) {
  console.error('usage: durability-driver.ts <dir> start <executionId> | resume');
  process.exit(2);
}
const store = createSqliteGraphStore({ path: path.join(dir, 'pedigree.db') });
const dataDir = path.join(dir, 'data');
const executor = createExecutor({
  store,
  artifacts: createLocalArtifactStore({ root: path.join(dataDir, 'artifacts') }),
  dataDir,
  projectRoot: path.join(dir, 'project'),
  killGraceMs: 500,
});
executor.events.on((event) => {
  if (event.type === 'step-status') process.stdout.write(`EVENT ${JSON.stringify(event)}\n`);
});
const ids: ExecutionId[] = [];
if (mode === 'start') {
  const definition = parseDefinition(JSON.parse(await readFile(path.join(dir, 'pipeline.json'), 'utf8')));
  ids.push(await executor.start(definition, {}, { executionId: executionId as ExecutionId }));
} else {
  ids.push(...(await executor.resume()));
}
for (const id of ids) {
  const ended = await executor.wait(id);
  process.stdout.write(`DONE ${id} ${ended.status}\n`);
}
await executor.close();
await store.close();
process.exit(0);
