import { useSearchParams } from 'react-router';

/** Where to go after signing in: the `next` query parameter when it is a path inside the portal. */
export function useNextPath(): string {
  const next = useSearchParams()[0].get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function useQueryParam(name: string): string | null {
  return useSearchParams()[0].get(name);
}
