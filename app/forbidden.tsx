import { Forbidden } from '@/components/auth/forbidden';
import { getCurrentUser } from '@/lib/server/auth/current-user';

export const metadata = { title: 'Not allowed · Segmenta' };

export default async function ForbiddenPage() {
  const user = await getCurrentUser();
  return <Forbidden role={user?.role ?? null} />;
}
