import { parseArgs } from 'node:util';
import { CLI, ROLES, invalidArgument, createLocalUser, describeTarget, grantRole, listRoleGrants, listUsers, openDatabase, prepareDatabase, resetLocalPassword } from '@shepherd/governance';
import { runCli } from './cli';

// `npm run admin -- <command>`: accounts on the configured database, as the machine's operator
// (audited as "cli"). The embedded database admits one process: stop the server first.
const USAGE = `usage: npm run admin -- <command>
  create <login> [--admin] [--name "<name>"] [--project <slug> --role <role> [--cycle <x.y>]]
                 create a local user and print a one-time password; --admin makes an instance
                 admin (the first user created is always one); --project/--role grants a role
  reset <login>  print a new one-time password for a local user, end their sessions and
                 revoke their API tokens
  grant <login> --project <slug> --role <role> [--cycle <x.y>]
                 grant a role (admin, maintainer, release-owner, lts-owner, shepherd, liaison, viewer)
  list           list users and their roles`;

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { admin: { type: 'boolean' }, name: { type: 'string' }, project: { type: 'string' }, role: { type: 'string' }, cycle: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, login] = positionals;
  if (!command || values.help || !['create', 'reset', 'grant', 'list'].includes(command)) {
    console.log(USAGE);
    if (command && !values.help) process.exitCode = 2;
    return;
  }
  if (command !== 'list' && !login) throw invalidArgument(`${command} needs a <login>\n${USAGE}`);
  if ((values.project === undefined) !== (values.role === undefined)) throw invalidArgument('--project and --role go together');
  if (command === 'grant' && !values.project) throw invalidArgument('grant needs --project <slug> --role <role>');
  // Checked before anything is written, so a typo does not leave a user without their role.
  if (values.role && !(ROLES as readonly string[]).includes(values.role.toUpperCase().replace(/[\s-]+/g, '_'))) {
    throw invalidArgument(`--role: "${values.role}" is not a role; use one of ${ROLES.map((r) => r.toLowerCase().replace('_', '-')).join(', ')}`);
  }

  const database = await openDatabase();
  try {
    // Works before the first `npm start` too: the same migrations and seed as the server.
    await prepareDatabase(database);
    const prisma = database.prisma;
    const grant = async () => {
      if (!values.project || !values.role) return;
      const granted = await grantRole(prisma, CLI, { project: values.project, login, role: values.role, cycle: values.cycle ?? null });
      console.log(`Granted ${granted.roleLabel} of ${granted.project}${granted.cycle ? ` ${granted.cycle}` : ''} to ${granted.login}.`);
    };
    if (command === 'create') {
      const first = (await prisma.user.count()) === 0;
      const { user, password } = await createLocalUser(prisma, CLI, { login, name: values.name ?? null, instanceAdmin: values.admin || first });
      console.log(`Created ${user.login}${user.isInstanceAdmin ? ' (instance admin)' : ''} on ${describeTarget(database.target)}.`);
      await grant();
      console.log(`One-time password (shown once; it works for one sign-in at /signin, which asks for a new password):\n  ${password}`);
    } else if (command === 'reset') {
      const reset = await resetLocalPassword(prisma, CLI, login);
      console.log(`Ended ${reset.sessionsEnded} session(s) and revoked ${reset.tokensRevoked} API token(s) of ${login}.`);
      console.log(`New one-time password (shown once; it works for one sign-in at /signin, which asks for a new password):\n  ${reset.password}`);
    } else if (command === 'grant') {
      await grant();
    } else {
      const grants = await listRoleGrants(prisma);
      const users = await listUsers(prisma);
      for (const user of users) {
        const roles = grants.filter((g) => g.login === user.login).map((g) => `${g.roleLabel} of ${g.project}${g.cycle ? ` ${g.cycle}` : ''}`);
        console.log(`${user.login.padEnd(20)} ${user.githubId !== null ? 'github' : 'local '} ${user.isInstanceAdmin ? 'instance admin; ' : ''}${roles.join(', ') || (user.isInstanceAdmin ? '' : 'no roles')}`);
      }
      // Grants wait for logins that have not signed in yet.
      for (const waiting of [...new Set(grants.map((g) => g.login))].filter((l) => !users.some((u) => u.login === l))) {
        const roles = grants.filter((g) => g.login === waiting).map((g) => `${g.roleLabel} of ${g.project}${g.cycle ? ` ${g.cycle}` : ''}`);
        console.log(`${waiting.padEnd(20)} (not signed in yet) ${roles.join(', ')}`);
      }
    }
  } finally {
    await database.close();
  }
});
