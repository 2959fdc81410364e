import { useSearch } from 'wouter';

/** Where to go after signing in: the `next` query parameter when it is a path inside the portal. */
export function useNextPath(): string {
  const next = new URLSearchParams(useSearch()).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function useQueryParam(name: string): string | null {
  return new URLSearchParams(useSearch()).get(name);
}
