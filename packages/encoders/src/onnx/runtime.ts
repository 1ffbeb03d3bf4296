/**
 * The one file that imports onnxruntime-node (lazily: packages that only use the fallback
 * encoders never load it). Everything else talks to {@link OnnxSession}.
 */
import { Kg4recError } from '@kg4rec/core';
import type { HostTensor, TensorSpec } from './tensors';

type Ort = typeof import('onnxruntime-node');
let ortModule: Promise<Ort> | undefined;

async function ort(): Promise<Ort> {
  ortModule ??= import('onnxruntime-node').catch((cause) => {
    ortModule = undefined;
    throw new Kg4recError(
      'BACKEND_UNAVAILABLE',
      `onnxruntime-node cannot be loaded here (${(cause as Error).message}); install it with ONNXRUNTIME_NODE_INSTALL=skip for its bundled CPU build`,
      { cause },
    );
  });
  return ortModule;
}

/** A loaded model: its declared inputs and outputs, and a way to run it. */
export interface OnnxSession {
  inputs: readonly TensorSpec[];
  outputs: readonly TensorSpec[];
  /** The execution providers it was created with. */
  providers: readonly string[];
  run(feeds: Readonly<Record<string, HostTensor>>): Promise<Record<string, HostTensor>>;
  release(): Promise<void>;
}

/** Execution providers this onnxruntime-node build has, as `listSupportedBackends()` reports them. */
export async function availableProviders(): Promise<{ name: string; bundled: boolean }[]> {
  return (await ort()).listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled }));
}

/**
 * The providers to create sessions with. `auto`: CUDA when this build bundles it, then CPU.
 * A named list is checked against what the runtime lists; an unlisted one is an error that says
 * what is there.
 */
export async function chooseProviders(requested: 'auto' | readonly string[] = 'auto'): Promise<string[]> {
  const available = await availableProviders();
  if (requested === 'auto') {
    const cuda = available.find((b) => b.name === 'cuda' && b.bundled);
    return cuda ? ['cuda', 'cpu'] : ['cpu'];
  }
  const listed = new Set(available.map((b) => b.name));
  const missing = requested.filter((name) => !listed.has(name));
  if (missing.length > 0 || requested.length === 0) {
    throw new Kg4recError(
      'BACKEND_UNAVAILABLE',
      `onnxruntime-node has no execution provider ${missing.join(', ') || '(none asked)'}; it lists ${available.map((b) => `${b.name}${b.bundled ? '' : ' (not bundled)'}`).join(', ')}`,
    );
  }
  return [...requested];
}

/** Creates a session from a model file or its bytes. `name` is used in error messages. */
export async function createSession(model: string | Uint8Array, name: string, providers: readonly string[]): Promise<OnnxSession> {
  const runtime = await ort();
  let session: Awaited<ReturnType<Ort['InferenceSession']['create']>>;
  try {
    const options = { executionProviders: [...providers], graphOptimizationLevel: 'all' as const };
    session =
      typeof model === 'string'
        ? await runtime.InferenceSession.create(model, options)
        : await runtime.InferenceSession.create(model, options);
  } catch (cause) {
    throw new Kg4recError(
      'IO_ERROR',
      `${name}: onnxruntime cannot load this model with providers ${providers.join(', ')} (${(cause as Error).message})`,
      {
        cause,
        details: { file: name },
      },
    );
  }
  const specs = (metadata: typeof session.inputMetadata, names: readonly string[]): TensorSpec[] =>
    names.map((n, i) => {
      const meta = metadata[i];
      return meta?.isTensor ? { name: n, type: meta.type, shape: [...meta.shape] } : { name: n, type: 'non-tensor', shape: [] };
    });
  return {
    inputs: specs(session.inputMetadata, session.inputNames),
    outputs: specs(session.outputMetadata, session.outputNames),
    providers,
    run: async (feeds) => {
      const ortFeeds = Object.fromEntries(
        Object.entries(feeds).map(([k, t]) => [k, new runtime.Tensor(t.type as 'float32', t.data as Float32Array, t.dims)]),
      );
      const results = await session.run(ortFeeds);
      return Object.fromEntries(
        Object.entries(results).map(([k, t]) => [k, { type: t.type, data: t.data as HostTensor['data'], dims: [...t.dims] }]),
      );
    },
    release: () => session.release(),
  };
}
