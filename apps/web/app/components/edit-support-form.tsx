import Link from 'next/link';
import { readCycleSupportOf } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { EditSupportFields } from './edit-support-fields';

/**
 * The support-dates editor for one cycle: `<EditSupportForm project="containerd" cycle="2.3" />`.
 * Anonymous visitors get a sign-in link; signed-in users get the form, and the server decides on
 * save (a refusal says which role is needed).
 */
export async function EditSupportForm({ project, cycle }: { project: string; cycle: string }) {
  const actor = await currentActor();
  if (actor.kind !== 'user') {
    return (
      <p className="muted">
        <Link href={`/signin?next=${encodeURIComponent(`/admin/cycles/${project}/${cycle}`)}`}>Sign in</Link> to edit the support dates.
      </p>
    );
  }
  return <EditSupportFields project={project} cycle={cycle} support={await readCycleSupportOf(await prisma(), project, cycle)} />;
}
