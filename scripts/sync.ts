import cliProgress from 'cli-progress';
import { openDatabase, prepareDatabase } from '@shepherd/governance';
import { readGithubConfig } from '@shepherd/governance/github/github-config';
import { syncProject, type SyncProgress } from '@shepherd/governance/github/sync-repository';
import { describeEnhancementSync, syncEnhancementIssues } from '@shepherd/governance/keps/sync-enhancement-issues';
import { runCli } from './cli';

// `npm run sync -- <project> [--full] [--deep]`: brings a project's GitHub mirror up to date,
// with a progress bar on a terminal and one line per page otherwise (CI logs, pipes).
const USAGE = `usage: npm run sync -- <project> [--full] [--deep]
       npm run sync -- --enhancements   SIG Node's kubernetes/enhancements issues (the release team's labels,
                                        milestones and status comments; the keps job does this every 6 hours)
  --full   walk the whole issues list again and reconcile it: issues it no longer lists are asked
           for and marked deleted or transferred (otherwise incremental after the first sync)
  --deep   as --full, and re-check every page of every other list conditionally (304s cost no rate limit)
  env: GITHUB_API_URL (default https://api.github.com), GITHUB_TOKEN or GITHUB_APP_ID/GITHUB_APP_PRIVATE_KEY/GITHUB_APP_INSTALLATION_ID`;

await runCli(async () => {
  const args = process.argv.slice(2);
  if (args.includes('--enhancements')) {
    const database = await openDatabase();
    try {
      await prepareDatabase(database);
      const report = await syncEnhancementIssues(database.prisma, { config: readGithubConfig(), log: (line) => console.log(line) });
      console.log(describeEnhancementSync(report));
    } finally {
      await database.close();
    }
    return;
  }
  const slug = args.find((arg) => !arg.startsWith('--'));
  if (!slug) {
    console.log(USAGE);
    process.exitCode = 2;
    return;
  }
  const config = readGithubConfig();
  const database = await openDatabase();
  await prepareDatabase(database);
  const tty = process.stdout.isTTY;
  const bar = tty
    ? new cliProgress.SingleBar({ format: ' {resource} |{bar}| page {page} · {items} items · {changed} changed · {requests} requests · {notModified} × 304', barsize: 20, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  // The bar measures pages of the list being read; GitHub names the last page in `Link` when it knows it.
  const onProgress = (progress: SyncProgress) => {
    const values = { resource: progress.resource.padEnd(12), page: progress.page, ...progress.totals };
    if (bar) {
      bar.setTotal(Math.max(progress.lastPage ?? progress.page, progress.page));
      bar.update(progress.page, values);
    } else {
      console.log(`${progress.resource} page ${progress.page}${progress.lastPage ? `/${progress.lastPage}` : ''}${progress.notModified ? ' (304)' : ''}: ${progress.totals.items} items, ${progress.totals.changed} changed, ${progress.totals.requests} requests, ${progress.totals.notModified} × 304`);
    }
  };
  try {
    bar?.start(1, 0, { resource: 'starting', page: 0, items: 0, changed: 0, requests: 0, notModified: 0 });
    const report = await syncProject(database.prisma, slug, {
      config, trigger: 'cli', full: args.includes('--full'), deep: args.includes('--deep'), onProgress,
      // Rate limits and back-off after a 5xx or a dropped connection are shown alike.
      onWait: (reason, seconds) => console.log(`${bar ? '\n' : ''}waiting ${seconds} s: ${reason}`),
    });
    bar?.stop();
    console.log(
      `${report.repository}: ${report.mode} sync, ${report.requests} requests (${report.notModified} × 304), ${report.pages} pages, ${report.items} items, ${report.itemsChanged} changed in ${report.seconds.toFixed(1)} s` +
        (report.itemsGone ? `; ${report.itemsGone} issues found deleted or transferred` : '') +
        (report.mappedTags.length ? `; tags mapped onto cycles: ${report.mappedTags.join(', ')}` : '') +
        (report.undatedTags ? `; ${report.undatedTags} version tags without a date (no GitHub release) left unmapped` : ''),
    );
  } finally {
    bar?.stop();
    await database.close();
  }
});
