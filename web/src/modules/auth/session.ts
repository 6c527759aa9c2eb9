import { useQuery, useQueryClient } from '@tanstack/react-query';
import { setCsrfToken } from '../../api/client';
import { authApi } from '../../api/endpoints';
import type { SessionUser } from '../../api/types';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      const s = await authApi.session();
      setCsrfToken(s.csrfToken);
      return s;
    },
    staleTime: 60_000,
  });
}

/** The signed-in user; only call below the authenticated layout. */
export function useUser(): SessionUser {
  const { data } = useSession();
  if (!data?.user) throw new Error('useUser outside an authenticated page');
  return data.user;
}

export function useRefreshSession() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: sessionKey });
}
