/** Rules of a programme (a Région's Pacte or any multi-year plan): its projects, objectives, funding lines and lots. */
export const PROGRAMME_RULES = {
  PROGRAMME_ALREADY_DEFINED: 'A programme id is used once per tenant',
  PROGRAMME_NOT_DEFINED: 'Projects, objectives, funding lines and lots belong to a defined programme',
  PROGRAMME_PERIOD_REVERSED: 'A programme ends on or after its first day',
  PROJECT_ALREADY_ADDED: 'A project id is used once in its programme',
  PROJECT_NOT_FOUND: 'An objective or a lot names a project of the programme',
  FUNDING_LINE_ALREADY_ADDED: 'A funding line id is used once in its programme',
  FUNDING_LINE_OUTSIDE_PROGRAMME: "A funding line's period lies within the programme's",
  FUNDING_LINE_NOT_FOUND: 'A lot is attached to a funding line of the programme',
  OBJECTIVE_DATE_OUTSIDE_PROGRAMME: "An objective's target date lies within the programme's period",
  TARGET_SHARE_OUT_OF_RANGE: 'A target share is a percentage above 0 and up to 100, to the hundredth of a point',
  TARGET_DATE_OUTSIDE_PROGRAMME: "A target share is valid from a day within the programme's period",
  LOT_ALREADY_ATTACHED: 'A lot is attached once to a programme, to one project and one funding line',
} as const;
