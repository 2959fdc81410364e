import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** Where Settle answers and who is calling: an API token made in the admin app (Settings → API tokens). */
export interface SettleApi {
  url: string;
  token: string;
}

/** One typed GraphQL call; a GraphQL error (e.g. BAD_USER_INPUT with its field) becomes a thrown Error. */
export async function request<R, V>(api: SettleApi, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as { data?: R; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) {
    const [e] = body.errors;
    throw new Error(`${e!.extensions?.code ?? 'ERROR'}: ${e!.message}`);
  }
  return body.data!;
}
