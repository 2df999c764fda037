/**
 * Paths into WCO JSON checked against the generated WCO DM model at load: a misspelt element
 * (`GoodShipment`) would otherwise select nothing and silently leave a value out. Each path is
 * followed from the type its rule reads (the document root, or the item of an enclosing each or
 * object), so relative paths are checked too. JSONata expressions are not looked into.
 */
import type { Finding } from '../findings.js';
import { contentIndex, isLeafType, typeOf, type ComplexType, type GroupParticle, type WcoModel } from '../documents/wco/model.js';
import type { InputPath } from './path.js';
import type { Rule } from './spec.js';

/** The root the wco-json reader gives rules ({ MetaData?, Declaration }), a model type, or a leaf's text/attribute. */
type Scope = { kind: 'root' } | { kind: 'type'; id: string; element: string } | { kind: 'text' };

export function checkWcoPaths(rules: readonly Rule[], model: WcoModel, file: string): Finding[] {
  const findings: Finding[] = [];
  const root: Scope = { kind: 'root' };

  const child = (scope: Scope, name: string): Scope | string => {
    if (scope.kind === 'root') {
      const decl = model.roots.find((r) => r.name === name);
      return decl ? { kind: 'type', id: decl.type, element: name } : `the document has MetaData and Declaration, not "${name}"`;
    }
    if (scope.kind === 'text') return `a leaf's text or attribute has no "${name}"`;
    const type = typeOf(model, scope.id);
    if (isLeafType(type)) {
      const attributes = type.kind === 'complex' ? type.attributes.map((a) => a.name) : [];
      return name === 'value' || attributes.includes(name)
        ? { kind: 'text' }
        : `a leaf has only value${attributes.map((a) => `, ${a}`).join('')}, not "${name}"`;
    }
    const use = contentIndex((type as ComplexType & { content: GroupParticle }).content).byKey.get(name);
    return use ? { kind: 'type', id: use.particle.type, element: name } : `${scope.element} has no element "${name}"`;
  };

  const follow = (path: InputPath, scope: Scope, line: number): Scope | undefined => {
    if (path.parameter !== undefined) return { kind: 'text' };
    let current = path.absolute ? root : scope;
    for (const step of path.steps) {
      const next = child(current, step.key);
      if (typeof next === 'string') {
        findings.push({ severity: 'error', code: 'mapping.spec', message: `${file}:${line}: bad path "${path.source}": ${next}`, path: '' });
        return undefined;
      }
      for (const predicate of step.predicates) {
        const tested = child(next, predicate.key);
        if (typeof tested === 'string') {
          findings.push({ severity: 'error', code: 'mapping.spec', message: `${file}:${line}: bad path "${path.source}": ${tested}`, path: '' });
          return undefined;
        }
      }
      current = next;
    }
    return current;
  };

  const visit = (rule: Rule, scope: Scope): void => {
    if (rule.kind === 'value') {
      if (rule.source.kind === 'from' || rule.source.kind === 'join') for (const p of rule.source.paths) follow(p, scope, rule.line);
      return;
    }
    const inner = follow(rule.path, scope, rule.line);
    if (rule.kind === 'each') for (const c of rule.where) if (inner) follow(c.path, inner, rule.line);
    if (inner) for (const r of rule.rules) visit(r, inner);
  };
  for (const rule of rules) visit(rule, root);
  return findings;
}
