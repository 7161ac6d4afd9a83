import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { importReleasesMd, importTags, invalidArgument, openDatabase, prepareDatabase } from '@shepherd/governance';
import { runCli } from './cli';

const USAGE = `usage: npm run import -- <kind> <file> --project <slug>
  releases-md <RELEASES.md>   re-import a project's release, Kubernetes and deprecation tables
  tags <tags.tsv>             import tags (columns: tag, date) as releases and pre-releases`;

await runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { project: { type: 'string' } } });
  const [kind, file] = positionals;
  if (!kind || !file) {
    console.log(USAGE);
    process.exitCode = 2;
    return;
  }
  if (!values.project) throw invalidArgument('--project is required (e.g. --project containerd)');
  if (!fs.existsSync(file)) throw invalidArgument(`${file}: no such file`);
  const text = fs.readFileSync(file, 'utf8');
  const database = await openDatabase();
  try {
    await prepareDatabase(database);
    if (kind === 'releases-md') {
      const report = await importReleasesMd(database.prisma, { projectSlug: values.project, markdown: text, source: file });
      const { created, updated, unchanged } = report.cycles;
      console.log(`${file}: ${created} new, ${updated} changed, ${unchanged} unchanged release cycle(s)`);
      if (report.changes.length === 0) console.log('No changes.');
      for (const change of report.changes) console.log(`  ${change}`);
    } else if (kind === 'tags') {
      const report = await importTags(database.prisma, { projectSlug: values.project, tsv: text, source: file });
      console.log(`${file}: ${report.added} new tag(s), ${report.known} already known`);
      for (const change of report.changes) console.log(`  ${change}`);
    } else {
      throw invalidArgument(`unknown import kind "${kind}"\n${USAGE}`);
    }
  } finally {
    await database.close();
  }
});
