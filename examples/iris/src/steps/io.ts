import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StepContext } from '@pedigree/sdk';

/**
 * The local path of a file inside an input channel. A channel fed by a URI is the file itself; a
 * channel fed by an earlier step's output is that output's directory, holding `fileName`.
 */
export async function inputFile(context: StepContext, channel: string, fileName: string): Promise<string> {
  const location = requireChannel(context.inputs, 'input', channel);
  return (await stat(location)).isDirectory() ? path.join(location, fileName) : location;
}

export async function readInputText(context: StepContext, channel: string, fileName: string): Promise<string> {
  return readFile(await inputFile(context, channel, fileName), 'utf8');
}

/** Writes `fileName` into an output channel's directory and returns its path. */
export async function writeOutputFile(context: StepContext, channel: string, fileName: string, content: string): Promise<string> {
  const file = path.join(requireChannel(context.outputs, 'output', channel), fileName);
  await writeFile(file, content);
  return file;
}

/** A numeric argument; throws naming the argument when it is missing or not a finite number. */
export function numberArg(context: StepContext, name: string): number {
  const raw = context.args[name];
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`step ${context.stepName}: argument "${name}" must be a number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function requireChannel(channels: Readonly<Record<string, string>>, kind: string, name: string): string {
  const location = channels[name];
  if (location === undefined) throw new Error(`no ${kind} channel "${name}" (have: ${Object.keys(channels).join(', ') || 'none'})`);
  return location;
}
