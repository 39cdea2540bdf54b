import assert from 'node:assert/strict';
import { loadServiceConfig } from '../../src/app/loadServiceConfig.js';
import type { K8sObject } from './deployFiles.js';
import { CONFIG_KEY, configArgument, configMapText, podTemplate, spanbridgeContainer } from './manifestParts.js';

/**
 * Asserts that a Deployment mounts the ConfigMap where its `--config` argument reads, and the claim where the
 * configuration's store writes (the plain manifests and the Helm chart both pass it).
 */
export function checkMountsAndVolumes(deployment: K8sObject, configMap: K8sObject, claim: K8sObject): void {
  const pod = podTemplate(deployment).spec;
  const c = spanbridgeContainer(deployment);
  const configVolume = pod.volumes.find((v) => v.configMap?.name === configMap.metadata?.name);
  assert.ok(configVolume, 'a volume from the ConfigMap');
  const configMount = c.volumeMounts.find((m) => m.name === configVolume.name);
  assert.ok(configMount, 'the ConfigMap volume is mounted');
  assert.equal(configArgument(c), `${configMount.mountPath}/${CONFIG_KEY}`);

  const dataVolume = pod.volumes.find((v) => v.persistentVolumeClaim?.claimName === claim.metadata?.name);
  assert.ok(dataVolume, 'a volume from the PersistentVolumeClaim');
  const dataMount = c.volumeMounts.find((m) => m.name === dataVolume.name);
  assert.ok(dataMount, 'the claim is mounted');
  const config = loadServiceConfig(configMapText(configMap), 'ConfigMap', {});
  const storePath = (config.sections.storage as { sqlite: { path: string } }).sqlite.path;
  assert.ok(storePath.startsWith(`${dataMount.mountPath}/`), `store ${storePath} is on the claim at ${dataMount.mountPath}`);
  for (const m of c.volumeMounts) assert.ok(pod.volumes.some((v) => v.name === m.name), `volume ${m.name} exists`);
}
