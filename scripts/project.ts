import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CLI, GovernanceError, describeTarget, invalidArgument, openDatabase, prepareDatabase } from '@shepherd/governance';
import { addProject, listProjectSummaries } from '@shepherd/governance/projects/index';
import { runCli } from './cli';

// `npm run project -- <command>`: projects beyond the bundled ones, as the machine's operator
// (audited as "cli"). The embedded database admits one process: stop the portal first.
const USAGE = `usage: npm run project -- <command>
  add <slug> --repository <owner/name> --policy <policy.json> [--name "<name>"] [--homepage <url>]
             [--lts-line <x.y,x.y>] [--releases-md <RELEASES.md> | --tags <tags.tsv>]
             add a project with its release policy (a JSON list of versioned policies, as
             GET /api/projects/containerd/policies shows them) and its LTS upgrade line; its release
             data from a RELEASES.md-style table, a tags file (columns tag, date), or nothing yet (the
             GitHub sync brings its tags). Without a table, support dates are computed from the policy.
  list       the projects, their repository, where their support dates come from, cycles and policies`;

function readFile(option: string, file: string): string {
  if (!fs.existsSync(file)) throw invalidArgument(`--${option}: ${file}: no such file`);
  return fs.readFileSync(file, 'utf8');
}

/** A policy file: a list of policies, `{"policies": [...]}` (the API's shape) or one policy. */
function readPolicies(file: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(readFile('policy', file));
  } catch (error) {
    if (error instanceof GovernanceError) throw error;
    throw invalidArgument(`--policy: ${file} is not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && Array.isArray((value as { policies?: unknown }).policies)) return (value as { policies: unknown[] }).policies;
  return [value];
}

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      repository: { type: 'string' },
      policy: { type: 'string' },
      name: { type: 'string' },
      homepage: { type: 'string' },
      'lts-line': { type: 'string' },
      'releases-md': { type: 'string' },
      tags: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, slug] = positionals;
  if (!command || values.help || !['add', 'list'].includes(command)) {
    console.log(USAGE);
    if (command && !values.help) process.exitCode = 2;
    return;
  }
  let input: object | null = null;
  if (command === 'add') {
    // Everything is read and checked before the database opens.
    if (!slug) throw invalidArgument(`add needs a <slug>\n${USAGE}`);
    if (!values.repository) throw invalidArgument('--repository is required (owner/name on GitHub)');
    if (!values.policy) throw invalidArgument('--policy is required: a JSON file with the project’s versioned release policies');
    if (values['releases-md'] && values.tags) throw invalidArgument('give --releases-md or --tags, not both (import the other one afterwards with npm run import)');
    const releasesMd = values['releases-md'];
    const tags = values.tags;
    input = {
      slug,
      name: values.name,
      repository: values.repository,
      homepage: values.homepage ?? null,
      ltsUpgradeLine: values['lts-line'] ? values['lts-line'].split(',').map((cycle) => cycle.trim()).filter(Boolean) : [],
      policies: readPolicies(values.policy),
      releaseData: releasesMd
        ? { kind: 'releases-md', text: readFile('releases-md', releasesMd), source: releasesMd }
        : tags
          ? { kind: 'tags', text: readFile('tags', tags), source: tags }
          : { kind: 'none' },
    };
  }

  const database = await openDatabase();
  try {
    await prepareDatabase(database);
    const prisma = database.prisma;
    if (input) {
      const report = await addProject(prisma, CLI, input);
      console.log(`Added ${report.slug} (${report.repository}) on ${describeTarget(database.target)} with policy version(s) ${report.policies.join(', ')}.`);
      if (report.imported?.kind === 'releases-md') {
        const { created, updated, unchanged } = report.imported.report.cycles;
        console.log(`${report.imported.report.source}: ${created} new, ${updated} changed, ${unchanged} unchanged release cycle(s)`);
      } else if (report.imported?.kind === 'tags') {
        console.log(`${report.imported.report.source}: ${report.imported.report.added} tag(s)`);
      } else {
        console.log('No release data yet: `npm run sync` (or the sync job) brings its tags, or use `npm run import`.');
      }
      for (const change of report.imported?.report.changes ?? []) console.log(`  ${change}`);
      console.log(
        report.supportDates === 'COMPUTED'
          ? 'Support dates: computed from the policy and the GA tags (the project publishes no support table).'
          : 'Support dates: as published in the project’s table.',
      );
      for (const note of report.notes) console.log(`Note: ${note}`);
    } else {
      for (const project of await listProjectSummaries(prisma)) {
        console.log(
          `${project.slug.padEnd(16)} ${project.repository.padEnd(28)} support dates ${project.supportDates.toLowerCase().padEnd(9)} ${String(project.cycles).padStart(3)} cycle(s), policy v${project.policies.join(', v') || '–'}${project.addedBy ? `, added by ${project.addedBy}` : ', bundled'}`,
        );
      }
    }
  } finally {
    await database.close();
  }
});
