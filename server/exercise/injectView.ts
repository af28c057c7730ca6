import type { InjectView } from '../../shared/protocol/serverMessages.ts';
import type { Inject, Scenario } from '../../shared/scenario/scenario.ts';
import { audienceOf, type Audience, type Viewer } from './audience.ts';

/** An inject as the seats receive it, and who they are. */
export function buildInjectView(scenario: Scenario, inject: Inject, atMs: number, adhoc: boolean): InjectView {
  const persona = scenario.personas.find((p) => p.id === inject.from);
  const org = scenario.organisations.find((o) => o.id === inject.from);
  return {
    id: inject.id,
    atMs,
    channel: inject.channel,
    from: inject.from,
    fromName: { ...(persona?.name ?? org?.name ?? { [scenario.languages[0]!]: inject.from }) },
    to: inject.to,
    tlp: inject.tlp,
    title: { ...inject.title },
    body: { ...inject.body },
    public: (inject.channel === 'news' || inject.channel === 'social') && inject.tlp === 'TLP:CLEAR',
    adhoc,
    expects: inject.expects.map((e) => ({ action: e.action, by: e.by, withinSeconds: e.withinSeconds, objective: e.objective })),
  };
}

/** Participants do not see what is expected of them; staff do. */
export function forViewer(view: InjectView, viewer: Viewer): InjectView {
  if (viewer.role === 'participant' || viewer.role === 'screen') {
    const { expects: _hidden, ...rest } = view;
    return rest;
  }
  return view;
}

export function injectAudience(view: InjectView): Audience {
  return audienceOf(view.to, { screen: view.public });
}
