/**
 * Adam whose step is one kernel per variable on `cpu` and `wasm` (three shaders on `webgpu`):
 * tfjs's `AdamOptimizer` runs about 14 elementwise kernels per variable (each a pass over the
 * variable's memory, and each a tape-free but not free dispatch), which for a model with 100
 * small variables or one large embedding costs more than some of its forward pass. Same
 * arithmetic (tfjs's), same state (first and second moments named `<variable>/m`,
 * `<variable>/v`, the running β powers) and same `getWeights` / `setWeights`, so checkpoints move
 * between the two; on other backends it is tfjs's optimizer unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs } from '../kernels/names';
import { hasFusedKernel } from '../kernels/register';

/** A moment slot of tfjs's `AdamOptimizer` (private there; its layout is what `getWeights` saves). */
interface MomentSlot {
  originalName: string;
  variable: tf.Variable;
}

/** The private state of tfjs's `AdamOptimizer` that a step reads and writes. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: MomentSlot[];
  accumulatedSecondMoment: MomentSlot[];
}

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/** tfjs's Adam with a one-pass step per variable where core's kernel exists. */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: VariableGradients): void {
    if (!hasFusedKernel(ADAM_UPDATE)) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const powers = this.betaPowers();
    const named = Array.isArray(variableGradients)
      ? variableGradients.map(({ name, tensor }) => ({ name, tensor }))
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor: tensor as tf.Tensor | undefined }));
    const attrs: AdamUpdateAttrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      firstCorrection: 1 - powers.beta1,
      secondCorrection: 1 - powers.beta2,
    };
    tf.tidy(() => {
      named.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name] as tf.Variable;
        const m = momentSlot(state.accumulatedFirstMoment, i, `${name}/m`, value);
        const v = momentSlot(state.accumulatedSecondMoment, i, `${name}/v`, value);
        if (gradient == null) return;
        const [newValue, newM, newV] = tf.engine().runKernel(ADAM_UPDATE, { value, m, v, gradient }, { ...attrs }) as tf.Tensor[];
        m.assign(newM as tf.Tensor);
        v.assign(newV as tf.Tensor);
        value.assign(newValue as tf.Tensor);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
    this.powers = {
      iteration: this.iterations,
      beta1: Math.fround(powers.beta1 * Math.fround(this.beta1)),
      beta2: Math.fround(powers.beta2 * Math.fround(this.beta2)),
    };
  }

  /**
   * β₁ᵗ and β₂ᵗ for the coming step t, kept on the host (a GPU backend cannot read tfjs's
   * `accBeta` variables back synchronously) as tfjs accumulates them: float32 β times itself,
   * step by step. After a restore (`setWeights` changed the step count) the product is redone
   * from the start, so a resumed run takes exactly the uninterrupted run's steps.
   */
  private betaPowers(): { beta1: number; beta2: number } {
    if (this.powers?.iteration !== this.iterations) {
      const [b1, b2] = [Math.fround(this.beta1), Math.fround(this.beta2)];
      let [p1, p2] = [b1, b2];
      for (let step = 0; step < this.iterations; step++) [p1, p2] = [Math.fround(p1 * b1), Math.fround(p2 * b2)];
      this.powers = { iteration: this.iterations, beta1: p1, beta2: p2 };
    }
    return this.powers;
  }

  private powers?: { iteration: number; beta1: number; beta2: number };
}

/** The i-th moment variable, created as zeros the first time (as tfjs's optimizer does). */
function momentSlot(slots: MomentSlot[], i: number, originalName: string, value: tf.Variable): tf.Variable {
  let slot = slots[i];
  if (!slot) {
    slot = { originalName, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
    slots[i] = slot;
  }
  return slot.variable;
}

/** Adam (tfjs's defaults: β₁ 0.9, β₂ 0.999, ε 1e-8) with a fused step on `cpu` and `wasm`. */
export function fusedAdam(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): FusedAdamOptimizer {
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
