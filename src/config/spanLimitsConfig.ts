import { Type } from '@sinclair/typebox';
import { DEFAULT_SPAN_LIMITS, type SpanLimits } from '../model/spanLimits.js';

/** Every receiver's span limits (src/model/spanLimits.ts): what one span may carry once decoded. */
export const spanLimitProperties = {
  max_attributes_per_span: Type.Integer({
    minimum: 1,
    default: DEFAULT_SPAN_LIMITS.maxAttributes,
    description: 'attributes kept on a span, event, link, resource or scope (and events, links, array elements); more are dropped and counted',
  }),
  max_attribute_value_length: Type.Integer({
    minimum: 1,
    default: DEFAULT_SPAN_LIMITS.maxValueLength,
    description: 'characters kept of a string attribute value; longer ones are cut and counted',
  }),
};

export function spanLimitsOf(config: { max_attributes_per_span: number; max_attribute_value_length: number }): SpanLimits {
  return { maxAttributes: config.max_attributes_per_span, maxValueLength: config.max_attribute_value_length };
}
