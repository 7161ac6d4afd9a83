import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { applyTrackingDecisions, describeKepCounts, groupProblemsByFile, importKeps, importReleasesMd, importTags, importTrackingIssues, invalidArgument, openDatabase, prepareDatabase, readKepSources } from '@shepherd/governance';
import { runCli } from './cli';

const USAGE = `usage: npm run import -- <kind> <file> --project <slug>
  releases-md <RELEASES.md> [--dry-run] [--allow-removals]
                              re-import a project's release, Kubernetes and deprecation tables; --dry-run
                              prints the change and writes nothing; a file that drops a release cycle, a
                              table or matrix rows is refused unless --allow-removals
  tags <tags.tsv>             import tags (columns: tag, date) as releases and pre-releases
  keps <dir|kep.yaml|keps.json>   KEP metadata from a kubernetes/enhancements checkout (keps/ or a folder of it: KEPs
                              stored from that folder and no longer in it are marked missing) or kepify output (no --project)
  kep-issues <issues.json>    SIG-Node tracking issues and PRs (GitHub REST objects or webhook payloads)
  kep-tracking <decisions.json>   shipped stages, at risk / deferred / withdrawn, liaisons (see docs/keps.md)`;

await runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { project: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'allow-removals': { type: 'boolean' } } });
  const [kind, file] = positionals;
  if (!kind || !file) {
    console.log(USAGE);
    process.exitCode = 2;
    return;
  }
  for (const flag of ['dry-run', 'allow-removals'] as const) {
    if (values[flag] && kind !== 'releases-md') throw invalidArgument(`--${flag} applies to releases-md only, not ${kind}`);
  }
  if (kind === 'keps') {
    await importKepMetadata(file);
    return;
  }
  if (!values.project) throw invalidArgument('--project is required (e.g. --project containerd)');
  if (!fs.existsSync(file)) throw invalidArgument(`${file}: no such file`);
  const text = fs.readFileSync(file, 'utf8');
  const database = await openDatabase();
  try {
    await prepareDatabase(database);
    if (kind === 'releases-md') {
      const report = await importReleasesMd(database.prisma, {
        projectSlug: values.project,
        markdown: text,
        source: file,
        dryRun: values['dry-run'],
        allowRemovals: values['allow-removals'],
      });
      const { created, updated, unchanged } = report.cycles;
      const prefix = report.dryRun ? 'dry run, nothing written: ' : '';
      console.log(`${prefix}${file}: ${created} new, ${updated} changed, ${unchanged} unchanged release cycle(s)`);
      if (report.changes.length === 0) console.log('No changes.');
      for (const change of report.changes) console.log(`  ${change}`);
      if (report.removals.length) {
        const consent = report.dryRun ? 'would need --allow-removals' : 'allowed by --allow-removals';
        console.log(`${report.removals.length} removal(s) (${consent}):`);
        for (const removal of report.removals) console.log(`  ${removal}`);
      }
    } else if (kind === 'tags') {
      const report = await importTags(database.prisma, { projectSlug: values.project, tsv: text, source: file });
      console.log(`${file}: ${report.added} new tag(s), ${report.known} already known`);
      for (const change of report.changes) console.log(`  ${change}`);
    } else if (kind === 'kep-issues') {
      const items = JSON.parse(text);
      const report = await importTrackingIssues(database.prisma, { projectSlug: values.project, items: Array.isArray(items) ? items : [items], source: file });
      console.log(`${file}: ${report.issues} issue(s) parsed, ${report.tracked.length} tracking KEPs, ${report.linked} PR link(s) new, ${report.updated} updated`);
      for (const line of report.tracked) console.log(`  ${line}`);
      for (const problem of report.problems) console.log(`  #${problem.issue} ${problem.field}: ${problem.message}`);
    } else if (kind === 'kep-tracking') {
      const done = await applyTrackingDecisions(database.prisma, { projectSlug: values.project, decisions: JSON.parse(text), source: file });
      console.log(`${file}: ${done.length} decision(s) applied`);
      for (const line of done) console.log(`  ${line}`);
    } else {
      throw invalidArgument(`unknown import kind "${kind}"\n${USAGE}`);
    }
  } finally {
    await database.close();
  }
});

/** `keps`: every readable KEP is stored; problems are printed grouped by file and never stop the rest. */
async function importKepMetadata(target: string) {
  if (!fs.existsSync(target)) throw invalidArgument(`${target}: no such file or directory`);
  const read = readKepSources(target);
  const database = await openDatabase();
  try {
    await prepareDatabase(database);
    const report = await importKeps(database.prisma, read);
    console.log(`${target}: ${describeKepCounts(report)}`);
    for (const change of [...report.changes, ...report.missing]) console.log(`  ${change}`);
    if (report.shared.length) console.log(`KEP numbers shared by several KEPs (a tracking issue's number means the one owned by, else involving, sig-node):`);
    for (const line of report.shared) console.log(`  ${line}`);
    const byFile = groupProblemsByFile(report.problems);
    if (byFile.size) console.log(`${report.problems.length} problem(s) in ${byFile.size} file(s) (kept as written; see each KEP's page):`);
    for (const [file, problems] of byFile) {
      console.log(`  ${file}`);
      for (const problem of problems) console.log(`    ${problem.field}: ${problem.message}`);
    }
  } finally {
    await database.close();
  }
}
