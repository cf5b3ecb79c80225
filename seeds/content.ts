import { LIVE_STORY } from './liveStory.ts';
import type { SeedArticle } from './types.ts';

/**
 * Sample content for local development: eleven stories from the Port Aldry Courier, a fictional
 * regional paper in a fictional harbour city. Every name, place, figure and organisation here is
 * invented, and every URL points at an example domain.
 */
export const SEED_ARTICLES: SeedArticle[] = [
  // 1. Lead story: contested, likely to draw comments.
  {
    author: 'dev-author',
    at: '2026-11-24T07:15:00.000Z',
    state: 'published',
    content: {
      title: 'Tram extension would fell 60 trees in Linden Park, council papers reveal',
      section: 'city',
      standfirst:
        "The preferred route for Port Aldry's Quayside tram extension cuts along the edge of the city's oldest park. Residents have until 12 December to respond to the consultation.",
      byline: 'Maren Holloway',
      source: {
        name: 'Port Aldry City Council transport committee papers',
        url: 'https://council.example.org/transport/quayside-extension-route',
      },
      tags: ['trams', 'linden-park', 'transport', 'consultation'],
      commentsEnabled: true,
      seo: {
        metaTitle: 'Tram extension would fell 60 Linden Park trees',
        metaDescription:
          'Council papers show the preferred Quayside tram route cuts along the north edge of Linden Park. The consultation closes on 12 December.',
        socialImageUrl: 'https://images.example.org/port-aldry/linden-park-north-path.jpg',
      },
      body: [
        {
          type: 'paragraph',
          text: [
            {
              text: "A planned extension of Port Aldry's tram network would require the removal of around 60 trees along the northern edge of Linden Park, according to ",
              marks: [],
            },
            {
              text: 'documents published',
              marks: [
                { type: 'link', href: 'https://council.example.org/transport/quayside-extension-route' },
              ],
            },
            {
              text: " ahead of next week's transport committee meeting. The 2.4-kilometre line would link the existing Quayside terminus with Norbeck station. Council officers estimate it would cut the journey between the two by ",
              marks: [],
            },
            { text: 'roughly a third', marks: [{ type: 'bold' }] },
            { text: '.', marks: [] },
          ],
        },
        {
          type: 'paragraph',
          text: 'Officers say the park route is the cheapest and quickest of the three options they assessed, and the only one that avoids demolishing homes on Corder Street. The alternative, a short tunnel beneath Harrow Lane, was costed at almost three times as much and would delay opening by at least four years.',
        },
        {
          type: 'image',
          src: 'https://images.example.org/port-aldry/linden-park-north-path.jpg',
          alt: 'A row of tall plane trees lining a gravel path at the edge of a park, with terraced houses behind',
          caption: 'The northern path of Linden Park, where the proposed line would run.',
        },
        { type: 'heading', level: 2, text: 'What the council is proposing' },
        {
          type: 'list',
          ordered: false,
          items: [
            "A two-track line running 400 metres along the park's northern boundary, fenced on the park side",
            [
              { text: 'Removal of about 60 trees, including ', marks: [] },
              { text: '14 plane trees planted in the 1890s', marks: [{ type: 'bold' }] },
            ],
            'Replanting of 180 young trees elsewhere in the park and along the new route',
            'Two new stops, at Linden Gate and Norbeck Road, both with step-free access',
          ],
        },
        {
          type: 'quote',
          text: 'We are not pretending this is painless. But a tram every six minutes between Quayside and Norbeck would take thousands of car journeys off our roads every day, and that matters for the air everyone in this city breathes.',
          attribution: 'Cllr Daniel Okafor, cabinet member for transport',
          before:
            'Defending the route at a briefing for residents on Monday, the cabinet member for transport, Cllr Daniel Okafor, said:',
          after: [
            { text: 'He added that the full ', marks: [] },
            {
              text: 'tree survey',
              marks: [
                {
                  type: 'link',
                  href: 'https://council.example.org/transport/quayside-tree-survey',
                  rel: 'nofollow',
                },
              ],
            },
            { text: ' would be published before the consultation closes.', marks: [] },
          ],
        },
        {
          type: 'paragraph',
          text: 'The Friends of Linden Park group has gathered more than 3,000 signatures on a petition opposing the route. Its chair, Ruth Ashdown, said saplings could not stand in for trees that had shaded the park for well over a century. "We support the tram," she said. "We do not support running it through the one green space that families in Norbeck can walk to."',
        },
        {
          type: 'paragraph',
          text: 'The consultation closes on 12 December, and the committee is expected to make a recommendation to full council in January. Drop-in sessions will be held at Norbeck Library on 3 and 4 December, where engineers will present detailed maps of the route and answer questions.',
        },
      ],
    },
  },

  // 2.
  {
    author: 'dev-author-2',
    at: '2026-11-19T16:40:00.000Z',
    state: 'published',
    content: {
      title: 'Parking charges set to rise as council tries to close £4.2m budget gap',
      section: 'politics',
      standfirst:
        'Draft budget proposals would double the cost of overnight parking in the city centre and shorten opening hours at three branch libraries.',
      byline: 'Tomasz Reeve',
      source: {
        name: 'Port Aldry City Council draft budget 2027-28',
        url: 'https://council.example.org/budget/2027-28-draft',
      },
      tags: ['council', 'budget', 'parking', 'libraries'],
      body: [
        {
          type: 'paragraph',
          text: [
            { text: 'Drivers who park overnight in central Port Aldry would pay ', marks: [] },
            { text: 'twice as much', marks: [{ type: 'italic' }] },
            { text: ' from April under ', marks: [] },
            {
              text: 'draft budget plans',
              marks: [{ type: 'link', href: 'https://council.example.org/budget/draft-2027' }],
            },
            {
              text: ' published by the city council on Thursday. The proposals are intended to close a £4.2m gap between what the council expects to spend next year and what it expects to receive.',
              marks: [],
            },
          ],
        },
        {
          type: 'paragraph',
          text: 'Rising costs in adult social care account for most of the shortfall, according to the report. Spending on home care alone is forecast to grow by £2.9m, driven by an ageing population and higher fees charged by care providers.',
        },
        { type: 'heading', level: 3, text: 'Where the savings would come from' },
        {
          type: 'list',
          ordered: false,
          items: [
            'Overnight parking in council car parks rising from £3 to £6',
            'Shorter opening hours at Stennet Hill, Old Mill and Westcombe libraries',
            'A freeze on recruitment for non-frontline posts until September',
            'Ending the free green waste collection in favour of an annual £38 permit',
          ],
        },
        {
          type: 'quote',
          text: 'Nobody went into local government to cut library hours. We have protected the services people rely on most, but the money has to come from somewhere, and we have been honest about where.',
          attribution: 'Cllr Helen Marsh, leader of Port Aldry City Council',
          after: 'Cllr Helen Marsh, the council leader, told the Courier.',
        },
        {
          type: 'paragraph',
          text: 'Opposition councillors said the parking rise would hit shift workers at the port and the hospital hardest. Cllr Owen Pritchard, who leads the Independent group, said he would table an amendment to exempt residents who hold a city centre permit.',
        },
        {
          type: 'paragraph',
          text: 'The draft budget goes before the scrutiny committee on 2 December, and full council will vote on the final version in February. Residents can comment on the proposals through the council website until 15 January.',
        },
      ],
    },
  },

  // 3.
  {
    author: 'dev-author',
    at: '2026-11-12T09:00:00.000Z',
    state: 'published',
    content: {
      title: 'Old rope works to reopen as home for 40 small firms',
      section: 'business',
      standfirst:
        'A £6m conversion of the listed Hallam Rope Works on the Vell waterfront is due to finish next spring. A third of the workshops have already been let.',
      byline: 'Priya Castellan',
      source: { name: 'Interview with the Vell Waterfront Trust' },
      tags: ['small-business', 'regeneration', 'waterfront'],
      body: [
        {
          type: 'paragraph',
          text: 'The Hallam Rope Works, which supplied rigging to ships built on the Vell for more than a century, is to reopen in the spring as workshops and studios for small businesses. The Vell Waterfront Trust, which bought the building in 2023, said 14 of its 40 units had been let before the scaffolding came down.',
        },
        {
          type: 'paragraph',
          text: "The 300-metre ropewalk, where hemp was once twisted into cable along the length of the building, will become a covered street lined with workshops. Tenants signed up so far include a furniture maker, a coffee roaster, two ceramicists and a company that repairs sails for the city's yacht clubs.",
        },
        {
          type: 'quote',
          text: 'Rents in the city centre have pushed makers out to industrial estates where nobody ever walks past. We wanted a building where people can watch things being made again.',
          attribution: 'Asha Lindqvist, director of the Vell Waterfront Trust',
        },
        {
          type: 'paragraph',
          text: 'Rents start at £180 a month for the smallest units, and the trust is offering the first six months at half price to businesses less than two years old. The project was funded by a heritage grant, a loan from a regional development bank and £400,000 raised through a community share offer.',
        },
        {
          type: 'paragraph',
          text: 'Jonah Whitcombe, who runs Tidewater Sails, said the move would let him take on two apprentices. "I\'ve been working out of a lock-up with no windows for six years," he said. "Having room to lay a whole mainsail out flat changes what I can take on."',
        },
        {
          type: 'paragraph',
          text: 'The trust expects the building to open to the public in May, with a weekend market planned for the ropewalk on the first Saturday of each month.',
        },
      ],
    },
  },

  // 4. Live, then corrected: the edits are waiting to be published.
  {
    author: 'dev-author-2',
    at: '2026-10-28T11:30:00.000Z',
    state: 'published_with_edits',
    content: {
      title: 'Lantern festival returns to Port Aldry harbour after three-year break',
      section: 'culture',
      standfirst:
        'More than 2,000 handmade lanterns will be carried along the harbour wall on 21 November, as the city revives its winter procession.',
      byline: 'Lena Ostrowska',
      source: { name: 'Port Aldry Arts Council', url: 'https://arts.example.org/lantern-festival-2026' },
      tags: ['festivals', 'harbour', 'community'],
      body: [
        {
          type: 'paragraph',
          text: "Port Aldry's lantern procession will return to the harbour next month after a three-year absence, organisers have confirmed. The event was last held in 2023 and was paused when its funding ran out.",
        },
        {
          type: 'paragraph',
          text: 'Schools, care homes and community groups have spent the autumn building lanterns from willow and tissue paper at free workshops run by the Port Aldry Arts Council. The procession will set off from Custom House Square at 5pm on Saturday 21 November and finish at the lighthouse pier.',
        },
        {
          type: 'quote',
          text: 'Every lantern on that wall will have been made by someone from this city. That was the point of it from the start, and it is why people missed it so much.',
          attribution: 'Femi Adeyemo, artistic director, Port Aldry Arts Council',
        },
        {
          type: 'paragraph',
          text: 'Harbour Road will close to traffic from 3pm until 9pm. Organisers are asking spectators to use the tram or the park-and-ride at Westcombe, and to bring a torch for the walk back along the unlit section of the pier.',
        },
        {
          type: 'paragraph',
          text: 'Workshops continue at the Old Customs Hall every Saturday until the festival. Places are free but must be booked in advance.',
        },
      ],
    },
    edits: {
      title: 'Lantern festival returns to Port Aldry harbour after four-year break',
      body: [
        {
          type: 'paragraph',
          text: "Port Aldry's lantern procession will return to the harbour next month after a four-year absence, organisers have confirmed. The event was last held in 2022 and was paused when its funding ran out.",
        },
        {
          type: 'paragraph',
          text: 'Schools, care homes and community groups have spent the autumn building lanterns from willow and tissue paper at free workshops run by the Port Aldry Arts Council. The procession will set off from Custom House Square at 5pm on Saturday 21 November and finish at the lighthouse pier.',
        },
        {
          type: 'quote',
          text: 'Every lantern on that wall will have been made by someone from this city. That was the point of it from the start, and it is why people missed it so much.',
          attribution: 'Femi Adeyemo, artistic director, Port Aldry Arts Council',
        },
        {
          type: 'paragraph',
          text: 'Harbour Road will close to traffic from 3pm until 9pm. Organisers are asking spectators to use the tram or the park-and-ride at Westcombe, and to bring a torch for the walk back along the unlit section of the pier.',
        },
        {
          type: 'paragraph',
          text: 'Workshops continue at the Old Customs Hall every Saturday until the festival. Places are free but must be booked in advance.',
        },
        {
          type: 'paragraph',
          text: 'Correction: an earlier version of this article said the festival was last held in 2023. It was last held in 2022.',
        },
      ],
    },
  },

  // 5.
  {
    author: 'dev-author',
    at: '2026-11-08T21:50:00.000Z',
    state: 'published',
    content: {
      title: 'Rovers reach County Cup semi-final with stoppage-time winner at Millbrook',
      section: 'sport',
      standfirst:
        "Sam Kerrigan's header in the 93rd minute sent Port Aldry Rovers through after a tense quarter-final against Millbrook Town.",
      byline: 'Callum Fairweather',
      source: { name: 'Courier reporter at Millbrook Road' },
      tags: ['football', 'port-aldry-rovers', 'county-cup'],
      body: [
        {
          type: 'paragraph',
          text: 'Port Aldry Rovers are into the County Cup semi-finals for the first time in eleven years after a 2-1 win at Millbrook Town on Sunday. Substitute Sam Kerrigan rose highest to meet a corner from Ellis Barr deep into stoppage time, sending around 600 travelling supporters into celebration.',
        },
        {
          type: 'paragraph',
          text: 'Millbrook had the better of a scrappy first half and went ahead on 38 minutes when Dion Mercer curled a free kick over the wall. Rovers levelled shortly after the break through captain Tom Ashby, who turned in the rebound after a long-range shot was parried.',
        },
        {
          type: 'embed',
          url: 'https://video.example.org/port-aldry-rovers/county-cup-quarter-final-highlights',
        },
        {
          type: 'quote',
          text: "I told the lads at half-time we'd get chances from set pieces because they were tiring. Sam has been patient all season and he deserved that moment more than anyone.",
          attribution: 'Gareth Lowry, Port Aldry Rovers manager',
        },
        {
          type: 'paragraph',
          text: 'The draw for the semi-finals takes place on Tuesday evening. Rovers could face holders Castlereach Athletic, who beat them in the league last month, or Vellmouth United, whom they have not lost to at home since 2019.',
        },
      ],
    },
  },

  // 6.
  {
    author: 'dev-author-2',
    at: '2026-11-02T08:00:00.000Z',
    state: 'published',
    content: {
      title: 'Seagrass meadows in the Vell estuary have doubled since 2019, survey finds',
      section: 'science',
      standfirst:
        'Researchers at the University of Port Aldry say cleaner water and a ban on anchoring in two bays have helped the underwater meadows recover.',
      byline: 'Ines Haddad',
      source: {
        name: 'University of Port Aldry Marine Institute',
        url: 'https://marine.example.org/reports/vell-estuary-seagrass-2026',
      },
      tags: ['seagrass', 'estuary', 'environment', 'research'],
      body: [
        {
          type: 'paragraph',
          text: "The area of seagrass in the Vell estuary has more than doubled in seven years, according to a survey by the University of Port Aldry's Marine Institute. Divers and drone surveys mapped 46 hectares of meadow this summer, compared with 21 hectares in 2019.",
        },
        {
          type: 'paragraph',
          text: "Seagrass shelters young fish, steadies the seabed and stores carbon in the sediment beneath it. Much of the estuary's meadow was lost in the second half of the last century to dredging, sewage outflows and boat anchors dragging across the bottom.",
        },
        {
          type: 'image',
          src: 'https://images.example.org/port-aldry/vell-seagrass-survey.jpg',
          alt: 'A diver with a clipboard hovering above a dense bed of seagrass in shallow green water',
          caption: 'A research diver records shoot density in Kettle Bay during the summer survey.',
        },
        { type: 'heading', level: 2, text: 'Why the meadows are coming back' },
        {
          type: 'paragraph',
          text: 'The researchers point to two changes. An upgrade to the Saltings treatment works in 2020 cut the nutrients reaching the estuary, which had fed algae that blocked light from the seabed. In 2021, voluntary no-anchor zones were introduced in Kettle Bay and Gull Cove, with mooring buoys installed for visiting boats.',
        },
        {
          type: 'quote',
          text: 'We expected to see recovery inside the no-anchor zones. What surprised us was how quickly the meadows have spread beyond them, which tells us the water itself has improved.',
          attribution: 'Dr Nadia Ferreira, lead author of the survey',
        },
        {
          type: 'paragraph',
          text: [
            {
              text: "The team will repeat the survey next summer and has begun planting seed collected from healthy meadows in three bare patches near the harbour mouth. Volunteers are being sought to help sort seed in the institute's laboratory over the winter (",
              marks: [],
            },
            {
              text: 'seagrass@marine.example.org',
              marks: [{ type: 'link', href: 'mailto:seagrass@marine.example.org' }],
            },
            { text: '). The findings appear in the ', marks: [] },
            { text: 'Journal of Estuarine Ecology', marks: [{ type: 'italic' }] },
            { text: '.', marks: [] },
          ],
        },
      ],
    },
  },

  // 7. Comments off: an active police investigation.
  {
    author: 'dev-author',
    at: '2026-10-21T06:45:00.000Z',
    state: 'published',
    content: {
      title: 'Forty residents evacuated after overnight fire at Stennet Hill flats',
      section: 'city',
      standfirst:
        'Police are treating the fire at Beacon House as suspicious. One man was treated in hospital for smoke inhalation.',
      byline: 'Maren Holloway',
      source: { name: 'Port Aldry Fire and Rescue Service statement' },
      tags: ['fire', 'stennet-hill', 'emergency-services'],
      commentsEnabled: false,
      body: [
        {
          type: 'paragraph',
          text: 'About 40 residents were led out of a block of flats in Stennet Hill in the early hours of Wednesday after a fire broke out in a ground-floor bin store. Firefighters were called to Beacon House on Calder Road at 1.52am and had the fire under control within an hour.',
        },
        {
          type: 'paragraph',
          text: 'A man in his sixties was taken to Port Aldry General Hospital with smoke inhalation and has since been discharged. Smoke spread into the stairwell, and residents on the upper floors were helped down by crews wearing breathing apparatus.',
        },
        {
          type: 'quote',
          text: 'Our crews found heavy smoke in the only stairwell, and residents did exactly the right thing by staying in their flats until we reached them. Closed doors bought everyone valuable time.',
          attribution: 'Station Commander Leah Brannigan, Port Aldry Fire and Rescue Service',
        },
        {
          type: 'paragraph',
          text: 'Police said the fire was being treated as suspicious and asked anyone who was on Calder Road between 1am and 2am to come forward. Officers are also keen to see doorbell or dashcam footage from the area.',
        },
        {
          type: 'paragraph',
          text: 'Most residents were able to return home by mid-morning. The city council said it had found temporary accommodation for four households whose flats were damaged by smoke.',
        },
      ],
    },
  },

  // 8. Waiting for an editor.
  {
    author: 'dev-author-2',
    at: '2026-11-25T14:10:00.000Z',
    state: 'in_review',
    content: {
      title: 'Four candidates confirmed for Old Mill ward by-election',
      section: 'politics',
      standfirst:
        'Voters in Old Mill will choose a new councillor on 17 December after the resignation of Cllr Marianne Tully.',
      byline: 'Tomasz Reeve',
      source: {
        name: 'Port Aldry City Council statement of persons nominated',
        url: 'https://council.example.org/elections/old-mill-by-election',
      },
      tags: ['by-election', 'old-mill', 'elections'],
      body: [
        {
          type: 'paragraph',
          text: 'Four candidates will contest the Old Mill ward by-election next month, the city council confirmed after nominations closed on Wednesday. The seat became vacant when Cllr Marianne Tully stepped down in October, citing family reasons, after nine years representing the ward.',
        },
        { type: 'heading', level: 2, text: 'Who is standing' },
        {
          type: 'list',
          ordered: false,
          items: [
            'Priya Nandakumar, Civic Alliance',
            'Robert Fenwick, Harbour First',
            'Alice Morrow, Green Party',
            'Steven Coyle, Independent',
          ],
        },
        {
          type: 'paragraph',
          text: 'The result will not change control of the council, where the ruling Civic Alliance group holds a majority of seven. But campaigners on all sides expect the contest to be read as an early test of opinion on the Quayside tram extension, whose proposed route runs along the edge of the ward.',
        },
        {
          type: 'quote',
          text: 'People here want to know who will fight for them on the tram, on the bus cuts and on the state of the pavements. Whoever wins will have to earn it on the doorstep.',
          attribution: 'Steven Coyle, Independent candidate',
        },
        {
          type: 'paragraph',
          text: 'Polling stations will be open from 7am to 10pm on Thursday 17 December. The deadline to register to vote is 1 December, and postal vote applications must be received by 5pm on 2 December.',
        },
      ],
    },
  },

  // 9. Never submitted.
  {
    author: 'dev-author',
    at: '2026-11-26T10:20:00.000Z',
    state: 'draft',
    content: {
      title: 'Ferry operator considers second vessel for the Skerrin Island route',
      section: 'business',
      standfirst:
        'Aldry Sound Ferries says demand on the island crossing has outgrown its single boat, but a new vessel would take three years to build.',
      byline: 'Priya Castellan',
      source: { name: 'Interview with Aldry Sound Ferries' },
      tags: ['ferries', 'transport', 'jobs'],
      body: [
        {
          type: 'paragraph',
          text: 'The company that runs the only car ferry to Skerrin Island is drawing up plans for a second vessel after passenger numbers rose by a quarter in two years. Aldry Sound Ferries said its 38-year-old ship, the Margaret Ellen, was now full on most summer sailings and regularly left vehicles behind at the quayside.',
        },
        {
          type: 'paragraph',
          text: 'A second ship would allow an hourly timetable in summer and keep the route running when the Margaret Ellen is out of service for its annual refit. At present islanders rely on a passenger-only launch for three weeks every February.',
        },
        {
          type: 'quote',
          text: "We can't keep asking islanders to plan hospital appointments around a boat that might be full. The question is no longer whether we need a second vessel, it's how we pay for it.",
          attribution: 'Graham Pell, managing director, Aldry Sound Ferries',
        },
        {
          type: 'paragraph',
          text: 'The company estimates that a new hybrid-electric ferry would cost between £14m and £18m. It is in talks with the regional transport authority about a shared funding arrangement and expects to make a decision by the summer.',
        },
        {
          type: 'paragraph',
          text: 'Building a vessel would take around three years from order to service. The company said a new ship would also create about 15 jobs on board and at its booking office in Port Aldry.',
        },
      ],
    },
  },

  // 10. Sent back by an editor.
  {
    author: 'dev-author-2',
    at: '2026-11-16T13:00:00.000Z',
    state: 'changes_requested',
    note: "Please get a second source for the £3.1m figure: the trust's own board papers say £2.8m. Also check whether the gallery closure dates are confirmed or still provisional.",
    content: {
      title: 'Maritime museum roof repairs to cost nearly twice the original estimate',
      section: 'culture',
      standfirst:
        'The Aldry Maritime Museum will close two of its galleries next year while the Victorian roof is replaced, at a cost now put at £3.1m.',
      byline: 'Lena Ostrowska',
      source: { name: 'Aldry Maritime Museum Trust' },
      tags: ['museums', 'heritage', 'maritime-museum'],
      body: [
        {
          type: 'paragraph',
          text: 'Repairs to the roof of the Aldry Maritime Museum will cost £3.1m, almost double the figure given when the work was first announced last year. The museum trust said surveys had found rot in many more of the original timber trusses than expected.',
        },
        {
          type: 'paragraph',
          text: 'The Shipbuilders Gallery and the Figurehead Hall will close from March for about eight months while the roof is stripped and rebuilt. The rest of the museum, including the dry dock and the steam tug Corran, will stay open throughout.',
        },
        { type: 'heading', level: 3, text: 'What closes, and when' },
        {
          type: 'list',
          ordered: true,
          items: [
            'March: scaffolding goes up and the Figurehead Hall closes',
            'April: the Shipbuilders Gallery closes and its models move to temporary storage',
            'November: both galleries reopen, subject to the weather over the summer',
          ],
        },
        {
          type: 'quote',
          text: 'If we had patched it again, we would be back here in five years with buckets on the gallery floor. It is better to do it once and do it properly.',
          attribution: 'Morag Delaney, director of the Aldry Maritime Museum',
        },
        {
          type: 'paragraph',
          text: 'The trust has secured £2.2m from heritage funders and the city council and is launching an appeal to raise the remainder. Visitors will be able to sponsor one of the new roof slates for £25, with their names recorded on a board in the entrance hall.',
        },
      ],
    },
  },
  // 11. Live coverage of a storm: its entries are loaded by seeds/live.ts.
  LIVE_STORY,
];
