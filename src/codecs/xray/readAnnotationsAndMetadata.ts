import type { Attributes } from '../../model/span.js';
import { XRAY_ANNOTATIONS, XRAY_METADATA_PREFIX } from './xrayAttributeNames.js';
import { readObject } from './xrayFieldReaders.js';

/**
 * Annotations become attributes under their own keys, and their keys are listed in `aws.xray.annotations` (the
 * contrib convention, which its exporter reads back), so annotations and metadata stay apart. Integral numbers become
 * int64, others double (contrib makes every number a double). Values that are not string, number or boolean are not
 * annotations X-Ray allows and are skipped here. Each metadata namespace becomes `aws.xray.metadata.<ns>` holding its
 * JSON text (contrib's convention too);
 * `metadataTexts`, when given, records each text with the value it was made from.
 */
export function readAnnotationsAndMetadata(node: Record<string, unknown>, where: string, attrs: Attributes, metadataTexts?: Map<string, unknown>): void {
  const annotations = readObject(node, 'annotations', where);
  if (annotations !== undefined) {
    const keys: string[] = [];
    for (const [k, v] of Object.entries(annotations)) {
      if (typeof v === 'string' || typeof v === 'boolean') attrs.set(k, v);
      else if (typeof v === 'number') attrs.set(k, Number.isSafeInteger(v) ? BigInt(v) : v);
      else continue;
      keys.push(k);
    }
    if (keys.length > 0) attrs.set(XRAY_ANNOTATIONS, keys);
  }
  const metadata = readObject(node, 'metadata', where);
  if (metadata !== undefined) {
    for (const [ns, v] of Object.entries(metadata)) {
      if (v === undefined) continue;
      const text = JSON.stringify(v);
      attrs.set(XRAY_METADATA_PREFIX + ns, text);
      metadataTexts?.set(text, v);
    }
  }
}
