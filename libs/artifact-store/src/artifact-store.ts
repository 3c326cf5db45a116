import type { Readable } from 'node:stream';
import { PedigreeError, type Digest } from '@pedigree/domain';

/** What the store knows about one stored artifact (a file blob or a directory manifest). */
export interface StoredArtifact {
  /** `sha256:<hex>`: for a file the sha256 of its bytes, for a directory the Merkle digest of `digestDirectory`. */
  readonly digest: Digest;
  /** Bytes; for a directory the sum of its files' sizes. */
  readonly size: number;
  /** A stable, location-independent address of the content, e.g. `pedigree://artifacts/sha256/<hex>`. */
  readonly uri: string;
  readonly kind: 'file' | 'directory';
  /** Regular files covered (1 for a file). */
  readonly fileCount: number;
}

/** One entry of a stored directory, in name order. */
export interface DirectoryEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'symlink';
  /** For a file its blob digest, for a directory its manifest digest, for a symlink the sha256 of its target text. */
  readonly digest: Digest;
  /** Bytes for a file or directory; 0 for a symlink. */
  readonly size: number;
  /** The link text, for symlinks. */
  readonly target?: string;
}

/** A stored artifact plus access to its content. */
export interface ArtifactHandle extends StoredArtifact {
  /** A read stream of a file's bytes; INVALID_ARGUMENT for a directory. */
  open(): Readable;
  /** A directory's entries (not recursive); empty for a file. */
  readonly entries: readonly DirectoryEntry[];
}

export interface VerifyResult {
  readonly digest: Digest;
  /** True when every byte the artifact covers is present and hashes to its recorded digest. */
  readonly ok: boolean;
  /** One line per problem found: a missing or altered blob, a malformed manifest. */
  readonly problems: readonly string[];
}

export interface PutOptions {
  /** Abort a long copy. */
  readonly signal?: AbortSignal;
}

/**
 * Content-addressed artifact storage: bytes are stored once under their sha256 and addressed by
 * digest only, so identical outputs of different steps or executions share storage, and an
 * artifact's identity never depends on where it was produced.
 *
 * Errors: ARTIFACT_MISSING (`ArtifactMissingError`) when a digest is not stored; ARTIFACT_CORRUPT
 * (`ArtifactCorruptError`) when stored bytes no longer match their digest; INVALID_ARGUMENT for a
 * malformed digest or a path that is neither a regular file nor a directory.
 */
export interface ArtifactStore {
  /** Stores a file, a directory (recursively) or a byte stream; storing the same content again is a no-op that returns the same digest. */
  put(source: string | Readable | AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoredArtifact>;
  /** The stored artifact with the digest, or null when it is not stored. */
  get(digest: Digest | string): Promise<ArtifactHandle | null>;
  /** True when the artifact and (for a directory) every blob it covers are stored. Cheap: no re-hashing. */
  exists(digest: Digest | string): Promise<boolean>;
  /**
   * Writes the artifact's content at `destination` (a file for a file artifact, a directory for a
   * directory artifact; parents are created; an existing destination is replaced). Copies, never
   * links, so a step that writes to its inputs cannot corrupt the store. Throws ARTIFACT_MISSING.
   */
  materialize(digest: Digest | string, destination: string): Promise<StoredArtifact>;
  /** Re-hashes every blob the artifact covers and compares with the digests; never throws for missing content (reports it). */
  verify(digest: Digest | string): Promise<VerifyResult>;
  /** Removes the artifact's top-level blob or manifest (not blobs shared with other artifacts). For garbage collection and tests. */
  remove(digest: Digest | string): Promise<void>;
  /** The content URI for a digest (whether stored or not). */
  uriFor(digest: Digest | string): string;
}

/** A digest asked for is not in the store. */
export class ArtifactMissingError extends PedigreeError {
  readonly digest: string;
  constructor(digest: string, message?: string) {
    super('ARTIFACT_MISSING', message ?? `Artifact ${digest} is not in the artifact store`, { digest });
    this.digest = digest;
  }
}

/** Stored bytes no longer hash to the digest they are stored under. */
export class ArtifactCorruptError extends PedigreeError {
  readonly digest: string;
  constructor(digest: string, message: string) {
    super('ARTIFACT_CORRUPT', message, { digest });
    this.digest = digest;
  }
}
