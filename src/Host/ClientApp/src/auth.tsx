// Who is signed in: asked of /api/auth/me once (index.html has already asked), set by sign-in, cleared by sign-out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, forgetAntiforgeryToken } from './api';
import { peek, take } from './worklist/prefetch';
import type { Me } from './types';

interface Auth {
  me: Me | null;
  loading: boolean;
  signIn: (userName: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  // Who is signed in may be known at the first render already: index.html asked early, and main.tsx picked it up.
  const [known] = useState(() => peek<[Me]>('/api/auth/me')?.[0]);
  const [me, setMe] = useState<Me | null>(known ?? null);
  const [loading, setLoading] = useState(known === undefined);

  useEffect(() => {
    if (known !== undefined) return;
    take<Me>('/api/auth/me')
      .then(setMe)
      // Not signed in (401) or the server unreachable: the sign-in page follows, and says what went wrong on sign-in.
      .catch(() => setMe(null))
      .finally(() => setLoading(false));
  }, [known]);

  const signIn = useCallback(async (userName: string, password: string) => {
    await api.post('/api/auth/login', { userName, password });
    forgetAntiforgeryToken();
    setMe(await api.get<Me>('/api/auth/me'));
  }, []);

  const signOut = useCallback(async () => {
    await api.post('/api/auth/logout');
    forgetAntiforgeryToken();
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, loading, signIn, signOut }), [me, loading, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Whether the signed-in person holds the role (its code, as /api/auth/me lists it). */
export function hasRole(me: Me | null, code: string): boolean {
  return me?.roles.some((r) => r.code === code) ?? false;
}
