import { requireRouteRole } from '@/lib/server/auth/current-user';
import { stagingIdSchema } from '@/lib/schemas/upload-request-schema';
import { discardStagedFile } from '@/lib/server/uploads/staging-area';
import { stagingDir } from '@/lib/server/startup';

export const dynamic = 'force-dynamic';

/** DELETE a staged upload ("Cancel", or the page left): nothing of it is kept. */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireRouteRole('analyst');
  if (user instanceof Response) return user;
  const id = stagingIdSchema.safeParse((await params).id);
  if (id.success) await discardStagedFile(stagingDir(), id.data);
  return new Response(null, { status: 204 });
}
