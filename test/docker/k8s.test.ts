/**
 * docker/k8s/: every manifest checked against the Kubernetes API's own JSON schemas (the
 * kubernetes-models package, generated from the Kubernetes OpenAPI document, validating with
 * ajv), then what the schemas cannot know: the names the deployments refer to exist, they run
 * as the image's user, every instance mounts the same keys, and the configuration loads.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { readFinalStage } from '../support/dockerfile.js';

const DIR = 'docker/k8s';
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
}

const kustomization = parse(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    return doc.toJS() as Manifest;
  }),
);
const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const deployments = manifests.filter((m) => m.kind === 'Deployment') as unknown as Array<IDeployment & Manifest>;

/** The schema check's verdict: undefined when valid, else its message. */
function schemaProblem(manifest: Manifest): string | undefined {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) return `no schema known for ${manifest.apiVersion} ${manifest.kind}`;
  try {
    new Model(manifest as never).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('docker/k8s manifests', () => {
  it('are valid Kubernetes objects by the API schemas, every one', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(7);
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}: ${schemaProblem(m) ?? 'valid'}`)).toEqual(
      manifests.map((m) => `${m.kind}/${m.metadata.name}: valid`),
    );
  });

  it('would be refused by the schema check when wrong (the check is not a formality)', () => {
    const api = structuredClone(named('Deployment', 'swgate-api')!) as Manifest & { spec: { replicas: unknown } };
    api.spec.replicas = 'two';
    expect(schemaProblem(api)).toMatch(/replicas must be integer/);
  });

  it('run the API and the workers from one image as its non-root user, hardened', () => {
    const user = readFinalStage(readFileSync('docker/Dockerfile', 'utf8')).user.split(':').map(Number);
    expect(deployments.map((d) => d.spec!.template.spec!.containers[0]!.args)).toEqual([['serve'], ['worker']]);
    for (const d of deployments) {
      const pod = d.spec!.template.spec!;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: user[0], runAsGroup: user[1] });
      expect(pod.containers[0]!.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(pod.containers[0]!.image).toBe(deployments[0]!.spec!.template.spec!.containers[0]!.image);
    }
    const api = named('Deployment', 'swgate-api') as unknown as IDeployment;
    expect(api.spec!.template.spec!.containers[0]!.readinessProbe?.httpGet?.path).toBe('/health/ready');
  });

  it('refer only to ConfigMaps and Secrets that exist, and mount the same keys in every pod', () => {
    const mounts = deployments.map((d) => {
      const pod = d.spec!.template.spec!;
      for (const from of pod.containers[0]!.envFrom ?? []) {
        if (from.configMapRef) expect(named('ConfigMap', from.configMapRef.name!)).toBeDefined();
        if (from.secretRef) expect(named('Secret', from.secretRef.name!)).toBeDefined();
      }
      for (const volume of pod.volumes ?? []) {
        if (volume.secret) expect(named('Secret', volume.secret.secretName!), volume.name).toBeDefined();
        if (volume.configMap) expect(named('ConfigMap', volume.configMap.name!), volume.name).toBeDefined();
      }
      const byPath = new Map(pod.containers[0]!.volumeMounts!.map((m) => [m.mountPath, pod.volumes!.find((v) => v.name === m.name)]));
      return [byPath.get('/etc/swgate/certs')?.secret?.secretName, byPath.get('/etc/swgate/log-key')?.secret?.secretName];
    });
    expect(mounts).toEqual([
      ['swgate-gateway-keys', 'swgate-log-key'],
      ['swgate-gateway-keys', 'swgate-log-key'],
    ]);
    const env = (named('ConfigMap', 'swgate-config') as unknown as { data: Record<string, string> }).data;
    expect([env.SWGATE_CERTS_DIR, env.SWGATE_LOG_KEY_DIR]).toEqual(['/etc/swgate/certs', '/etc/swgate/log-key']);
    expect(Object.keys((named('Secret', 'swgate-gateway-keys') as unknown as { stringData: object }).stringData).sort()).toEqual([
      'gateway-rsa.crt.pem',
      'gateway-rsa.key.pem',
      'gateway.crt.pem',
      'gateway.key.pem',
    ]);
  });

  it("carry a configuration the gateway loads, with the ConfigMap's environment", () => {
    const { data } = named('ConfigMap', 'swgate-config') as unknown as { data: Record<string, string> };
    const file = join(mkdtempSync(join(tmpdir(), 'swgate-k8s-')), 'gateway.yaml');
    writeFileSync(file, data['gateway.yaml']!);
    const { 'gateway.yaml': _file, ...env } = data;
    const config = loadConfig({ ...env, SWGATE_CONFIG: file });
    expect(config.sandbox).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.logKeyDir).toBe('/etc/swgate/log-key');
  });
});
