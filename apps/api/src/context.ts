import type { Role } from '@pedigree/runtime';
import type { Logger } from '@pedigree/runtime';
import type { Loaders } from './loaders.ts';
import type { Services } from './services.ts';

/** The caller of a request, as authentication found it. */
export interface Viewer {
  readonly name: string;
  readonly role: Role;
  readonly anonymous: boolean;
}

/** What every resolver receives: the caller, request-scoped loaders and the (stateless) services. */
export interface ApiContext {
  readonly requestId: string;
  readonly viewer: Viewer;
  readonly logger: Logger;
  readonly loaders: Loaders;
  readonly services: Services;
}
