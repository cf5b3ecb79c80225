/**
 * A story shaped like a real one, for the article page's tests and screenshots: about 900 words,
 * headings, a quote with its reporting clause, lists, links, an image slot and (added by the
 * caller, once live) a correction. Invented: Harbourside and its people do not exist.
 */
const p = (text: string) => ({ type: 'paragraph' as const, text });

export const STORY_TITLE = 'Harbourside ferry to run through the night from March, council confirms';

export function realStory(image: { id: string } | null) {
  return {
    title: STORY_TITLE,
    section: 'transport',
    tags: ['ferries', 'harbourside', 'night-economy'],
    byline: 'Maya Okonkwo, transport correspondent',
    standfirst:
      'A £2.4m trial will keep the cross-harbour ferry running every 40 minutes after midnight, answering a decade of complaints from shift workers who walk home the long way round.',
    source: {
      name: 'Harbourside Council, transport committee papers',
      url: 'https://council.example.org/transport/2026-12',
    },
    ...(image ? { leadImage: { mediaId: image.id } } : {}),
    body: [
      p(
        'The cross-harbour ferry will run through the night for the first time in its 60-year history from March, after councillors on Tuesday approved an 18-month trial that transport officers say could carry as many as 900 extra passengers a week. The service currently stops at 11.40pm, leaving anyone working late in the old docks with a 50-minute walk around the basin or an expensive taxi ride.',
      ),
      p(
        'Under the plan, two of the three boats will alternate on a 40-minute timetable between midnight and 5am, seven nights a week. Fares will stay at the daytime price of £1.80, and the existing day tickets and season passes will be valid. The council will pay for the trial from its transport reserve, with a contribution from the port authority, which owns both landing stages.',
      ),
      {
        type: 'paragraph' as const,
        text: [
          { text: 'The decision follows a ', marks: [] },
          {
            text: 'petition signed by more than 4,000 people',
            marks: [{ type: 'link', href: 'https://petitions.example.org/night-ferry' }],
          },
          { text: ', most of them workers at the hospital, the container terminal and the ', marks: [] },
          { text: 'late-night restaurants', marks: [{ type: 'italic' }] },
          { text: ' that have opened along the quay since the warehouses were converted. ', marks: [] },
          {
            text: 'The council had turned down two earlier requests on cost grounds.',
            marks: [{ type: 'bold' }],
          },
        ],
      },
      { type: 'heading' as const, level: 2, text: 'Who will use it' },
      p(
        "Officers' own survey, carried out over four weeks in October, counted 310 people walking from the north landing stage towards the residential streets on the south side between midnight and 2am on an average weeknight. On Fridays and Saturdays the number rose to more than 700. Nearly half of those who answered questions said they were on their way home from work, and a third said they had felt unsafe on the unlit stretch of path beside the dry dock.",
      ),
      p(
        'The hospital trust said that around 220 of its staff finish a shift between midnight and 4am, and that many of them live in the terraced streets around the south landing. Its head of estates told the committee that staff regularly asked for the ferry to run later, and that the trust would promote the service to new employees.',
      ),
      {
        type: 'list' as const,
        ordered: false,
        items: [
          'Boats every 40 minutes from midnight to 5am, seven nights a week',
          'Daytime fare of £1.80; day tickets and season passes valid',
          'Two crew on every crossing, and lighting at both landing stages',
          'A review after 12 months, with passenger counts published monthly',
        ],
      },
      {
        type: 'quote' as const,
        text: 'For ten years we have been telling people on the night shift that the city closes at midnight. From March it will not.',
        attribution: 'Cllr Priya Natarajan, chair of the transport committee',
        before: 'Opening the debate,',
        after: 'she told the committee.',
      },
      { type: 'heading' as const, level: 2, text: 'The cost, and the doubts' },
      p(
        'The trial will cost £2.4m over its 18 months, most of it in crew wages: night work on the harbour requires two qualified crew members on every crossing, and the operator will have to recruit eleven additional staff. Fuel, maintenance and extra security at the landing stages make up the rest. Officers expect fares to cover a little under a fifth of the cost.',
      ),
      p(
        'Opposition councillors supported the trial but questioned whether the passenger numbers would hold up once the novelty had worn off. Cllr Tom Reddaway said the council should have published the break-even point before the vote, and asked for monthly passenger counts to be reported to the committee. Officers agreed to publish them on the council website.',
      ),
      image
        ? {
            type: 'image' as const,
            mediaId: image.id,
            caption:
              'The north landing stage at dusk. Lighting will be added before the night service starts.',
          }
        : p('(No image in this copy.)'),
      p(
        'Residents of the flats overlooking the south landing have raised concerns about noise from passengers and engines in the early hours. The operator said the boats were fitted with new electric-hybrid engines last year and would run on battery power within the harbour walls, which would keep engine noise well below the level of the road traffic on the quay.',
      ),
      { type: 'heading' as const, level: 3, text: 'What happens next' },
      {
        type: 'list' as const,
        ordered: true,
        items: [
          'The operator recruits and trains crew over the winter',
          'Lighting and shelters are installed at both landing stages in February',
          'The night timetable starts on the first Friday in March',
          'Councillors review the first 12 months of figures in spring 2028',
        ],
      },
      p(
        'If the trial is judged a success, the council says it will look for a permanent source of funding, possibly including a contribution from the businesses along the quay that depend on late-night staff. A business improvement district covering the old docks is due to be balloted next year, and its backers have said the ferry could be one of its first projects.',
      ),
      p(
        'For some of those who petitioned for the change, March cannot come soon enough. A porter at the hospital, who asked not to be named, said she had walked around the basin three nights a week for six years. "On a winter night, in the rain, that walk feels like it takes a lifetime," she said. "Ten minutes across the water would change everything."',
      ),
      p(
        'The port authority said the landing stages would be checked by its engineers before the trial begins, and that it would keep its harbour control room staffed overnight for the duration of the trial, as it already does when cargo ships are due. The harbour master will be able to suspend crossings in high winds or fog, as happens during the day.',
      ),
      { type: 'embed' as const, url: 'https://video.example.org/watch/harbourside-ferry-night-trial' },
      p(
        'Timetables for the night service will be published in February, along with details of how to give feedback on the trial. The council says it will run a consultation at the 12-month mark, and that passengers will be asked about safety, reliability and whether the 40-minute frequency is enough.',
      ),
    ],
  };
}

export const STORY_CORRECTION =
  'An earlier version of this article said the trial would cost £4.2m. The cost is £2.4m.';
