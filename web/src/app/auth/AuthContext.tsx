import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, LoginResponse, MeResponse, Permission } from '@sievert/core';
import {
  api,
  apiRequest,
  isApiError,
  setCsrfToken,
  setStaleSessionHandler,
  setUnauthorizedHandler,
} from '../api/client';

export type Me = MeResponse['user'];

interface AuthState {
  /** undefined while the session is being checked, null when nobody is signed in. */
  me: Me | null | undefined;
  /** Set when the session could not be checked at all (server unreachable); the guard offers a retry. */
  sessionError: unknown;
  /** True after the user signed out on purpose: the login page then does not offer the way back. */
  signedOut: boolean;
  can: (permission: Permission) => boolean;
  login: (body: LoginBody) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<Me | null>;
}

const AuthContext = createContext<AuthState | null>(null);
export const ME_KEY = ['auth', 'me'] as const;

/**
 * Everything a previous user may have loaded, except the public facts and the session query itself (removing
 * the latter would detach the provider's observer from the cache).
 */
function isUserData(queryKey: readonly unknown[]): boolean {
  return queryKey[0] !== 'meta' && !(queryKey[0] === ME_KEY[0] && queryKey[1] === ME_KEY[1]);
}

async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await apiRequest<MeResponse>('GET', '/auth/me', { quiet401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      // The session ended (expired, revoked, server restarted): forget it; the route guard sends the user to
      // the login page and remembers where they were.
      setCsrfToken(null);
      queryClient.setQueryData(ME_KEY, null);
    });
    // Re-read the session: a new CSRF token, or the change-password page if a reset happened meanwhile.
    setStaleSessionHandler(() => void queryClient.invalidateQueries({ queryKey: ME_KEY }));
    return () => {
      setUnauthorizedHandler(null);
      setStaleSessionHandler(null);
    };
  }, [queryClient]);

  const [signedOut, setSignedOut] = useState(false);

  const refresh = useCallback(async () => {
    const me = await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
    return me?.user ?? null;
  }, [queryClient]);

  const login = useCallback(
    async (body: LoginBody) => {
      const response = await apiRequest<LoginResponse>('POST', '/auth/login', { body, quiet401: true });
      setCsrfToken(response.csrfToken);
      setSignedOut(false);
      // Drop whatever an earlier user may have left in the cache before reading the new identity.
      queryClient.removeQueries({ predicate: (query) => isUserData(query.queryKey) });
      const me = await refresh();
      if (!me) throw new Error('Signed in but the session was not kept');
      return me;
    },
    [queryClient, refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setSignedOut(true);
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => isUserData(query.queryKey) });
      queryClient.setQueryData(ME_KEY, null);
    }
  }, [queryClient]);

  const me = meQuery.data === undefined ? undefined : (meQuery.data?.user ?? null);
  const sessionError = meQuery.data === undefined ? meQuery.error : null;
  const value = useMemo<AuthState>(() => {
    const permissions = new Set(me?.permissions ?? []);
    return {
      me,
      sessionError,
      signedOut,
      can: (permission) => permissions.has(permission),
      login,
      logout,
      refresh,
    };
  }, [me, sessionError, signedOut, login, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; only for pages behind the route guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

/** Only same-site paths may be a return target after login. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}
