import * as v from 'valibot';
import { OWN_KERNEL_LIMITS, ownKernelProblem } from '../userKernel/ownKernel';
import { object, shortString } from './fields';

/**
 * A researcher's own kernel as it travels in a sweep request, a result file and a share link:
 * {name, body, cost}, each within its limit, then the kernel's own checks (a name apart from the
 * built-in variants, a cost that reads).
 */
export const OwnKernelSchema = v.pipe(
  object(
    {
      name: shortString(OWN_KERNEL_LIMITS.nameChars),
      body: shortString(OWN_KERNEL_LIMITS.bodyChars),
      cost: shortString(OWN_KERNEL_LIMITS.costChars),
    },
    'an object {name, body, cost}',
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = ownKernelProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);
