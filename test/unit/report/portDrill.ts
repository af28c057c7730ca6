/**
 * A small scenario for report tests, whose figures can be worked out by hand: four organisations (police
 * simulated), one indicator, expectations that end met, late and missed, and an objective with `requires`.
 * `hostile` plants markup in every kind of scenario text, to prove the report escapes it.
 */
export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

export function portDrill(options: { hostile?: boolean } = {}): string {
  const h = options.hostile ? ` ${HOSTILE}` : '';
  const q = (text: string) => JSON.stringify(`${text}${h}`);
  return `id: port-drill
title: { en: ${q('Ransomware in the port')}, nl: ${q('Ransomware in de haven')} }
summary: { en: ${q('Ransomware stops a container terminal.')}, nl: ${q('Ransomware legt een containerterminal stil.')} }
languages: [en, nl]
duration: PT3H
author: ${q('SimCell tests')}
organisations:
  - { id: ncsc, name: { en: NCSC, nl: NCSC }, kind: public, sector: government }
  - id: terminal
    name: { en: ${q('Container terminal')}, nl: Containerterminal }
    kind: private
    sector: transport
    seats: [{ id: ops, name: { en: Operations, nl: Operatie } }]
  - { id: port, name: { en: Port authority, nl: Havenbedrijf }, kind: public, sector: transport }
  - { id: police, name: { en: Police, nl: Politie }, kind: public, sector: justice, simulated: true }
personas:
  - { id: journalist, name: { en: ${q('A journalist')}, nl: Een journalist } }
indicators:
  - { id: throughput, label: { en: ${q('Port throughput')}, nl: Doorvoer van de haven }, initial: 100, min: 0, max: 100, unit: '%' }
timeline:
  - id: press-question
    at: PT50M
    channel: news
    from: journalist
    to: all
    title: { en: ${q('Ships wait outside the port')}, nl: Schepen wachten voor de haven }
    body: { en: Why?, nl: Waarom? }
phases:
  detection:
    title: { en: ${q('Detection')}, nl: Detectie }
    escalation: incident
    injects:
      - id: ransom-note
        at: PT10M
        channel: alert
        from: terminal
        to: [terminal/ops]
        tlp: TLP:AMBER
        title: { en: ${q('Screens show a ransom note')}, nl: Schermen tonen een losgeldbrief }
        body: { en: ${q('All terminal systems are encrypted.')}, nl: Alle terminalsystemen zijn versleuteld. }
        effects: { indicators: { throughput: -40 } }
        expects:
          - { action: notify-ncsc, by: terminal, within: PT30M, objective: early-warning }
      - id: police-request
        at: PT20M
        channel: email
        from: ncsc
        to: [police]
        title: { en: Please open an investigation, nl: Graag een onderzoek starten }
        body: { en: Ransomware at the terminal., nl: Ransomware bij de terminal. }
        expects:
          - { action: open-investigation, by: police, within: PT30M, objective: early-warning }
    on:
      notify-ncsc: response
  response:
    title: { en: Response, nl: Respons }
    escalation: large-scale
    injects:
      - id: close-request
        at: PT0S
        channel: phone
        from: ncsc
        to: [port]
        tlp: TLP:RED
        title: { en: Close the gates?, nl: Poorten sluiten? }
        body: { en: Decide within 20 minutes., nl: Besluit binnen 20 minuten. }
        expects:
          - { action: close-gates, by: port, within: PT20M, objective: continuity }
      - id: advisory-request
        at: PT5M
        channel: email
        from: ncsc
        to: [ncsc]
        title: { en: Write an advisory, nl: Schrijf een advies }
        body: { en: Sector-wide., nl: Voor de hele sector. }
        expects:
          - { action: publish-advisory, by: ncsc, within: PT15M, objective: coordination }
actions:
  - { id: notify-ncsc, label: { en: ${q('Notify NCSC')}, nl: Meld bij het NCSC }, by: [terminal, port] }
  - { id: open-investigation, label: { en: Open an investigation, nl: Start een onderzoek }, by: [police] }
  - { id: close-gates, label: { en: Close the gates, nl: Sluit de poorten }, by: [port], once: exercise, effects: { indicators: { throughput: -20 } } }
  - { id: publish-advisory, label: { en: Publish an advisory, nl: Publiceer een advies }, by: [ncsc], report: true }
objectives:
  - { id: early-warning, text: { en: ${q('Incidents reach NCSC early')}, nl: Incidenten bereiken het NCSC vroeg } }
  - id: continuity
    text: { en: Keep the port running, nl: Houd de haven draaiende }
    requires: { indicator: throughput, atLeast: 50 }
  - { id: coordination, text: { en: NCSC coordinates the sector, nl: Het NCSC coördineert de sector } }
`;
}
