"""Sentence-level test table: one short news-style context per case.

Each entry is ``pytest.param(text, label, rule_id, cue, id=...)``:

* ``text`` is one short context written in the style of wire or newspaper copy.
  Usually it is a single sentence. For back-references ("he added", "the
  minister said", "They also mentioned") and multi-sentence direct quotes it is
  two or three sentences separated by a single space, and the case is always
  about the LAST sentence of the text. The earlier sentences only supply the
  antecedent or the speaker.
* ``label`` is the label that /work/shared/LABELS.md (the contract) gives that
  last sentence: ``named``, ``anonymous``, ``publication`` or ``unattributed``.
* ``rule_id`` names the construction that carries the primary attribution
  (the cue that governs the main clause), or ``""`` for plain unattributed
  sentences with no cue at all.
* ``cue`` is the cue text exactly as it appears in the text: the speech, report
  or thought verb ("said", "told", "warned"), the phrase ("according to",
  "citing", "was reported by", "declined to comment"), the headline separator
  ("-" or ":"), the hedge ("reportedly", "It was reported" -> "was reported",
  "As is known"), or ``""`` when there is none. For quote continuations the cue
  is the speaker's verb in the neighbouring sentence.

Every expectation states what LABELS.md says, NOT what any implementation
currently does. If the code disagrees with a case, the code is wrong (or
LABELS.md must change first). All texts are invented for this table; the names
are invented or are well-known public figures used in neutral contexts.
"""

import pytest

LABELS = ("named", "anonymous", "publication", "unattributed")

RULE_IDS = (
    "speech-verb-subject",
    "speech-verb-participle",
    "cue-that-clause",
    "passive-by-agent",
    "quoted-as-saying",
    "according-to",
    "passive-in-document",
    "in-words-of",
    "citing",
    "declined-to-comment",
    "headline-source",
    "colon-speaker",
    "document-subject",
    "trailing-speaker",
    "statement-noun",
    "thought-adjective",
    "quote-continuation",
    "agentless",
    "presupposed",
    "hedge-adverb",
    "",  # none: plain unattributed narration
)

CASES = [
    # ------------------------------------------------------------------
    # named: a person by name, a back-reference to one, a spokesperson for a
    # named organisation, or a specific institution on the record
    # ------------------------------------------------------------------
    pytest.param(
        "Federal Reserve Chair Jerome Powell said Wednesday that the central bank "
        "was prepared to keep interest rates on hold for longer.",
        "named", "speech-verb-subject", "said",
        id="named-said-simple",
    ),
    pytest.param(
        '"We will not be intimidated," said Gov. Maria Alvarez, a Democrat.',
        "named", "speech-verb-subject", "said",
        id="named-inverted-said-after-quote",
    ),
    pytest.param(
        "Prices for used cars will keep climbing into next year, said Laura Chen, "
        "chief economist at Harbor Capital.",
        "named", "speech-verb-subject", "said",
        id="named-inverted-said-trailing",
    ),
    pytest.param(
        "The bridge will reopen to traffic by the end of October, state "
        "Transportation Secretary Alan Ferris said.",
        "named", "speech-verb-subject", "said",
        id="named-trailing-said",
    ),
    pytest.param(
        "Dr. Lena Ortiz, who leads the infectious disease unit at Mercy Hospital, "
        "said the number of measles cases had doubled since January.",
        "named", "speech-verb-subject", "said",
        id="named-who-clause-said",
    ),
    pytest.param(
        "Ron Becker, the state party's chairman, said the caucus would not back the "
        "bill in its current form.",
        "named", "speech-verb-subject", "said",
        id="named-appositive-said",
    ),
    pytest.param(
        "Coach Dan Reyes told The Associated Press that his rookie quarterback "
        "would start on Sunday against Dallas.",
        "named", "speech-verb-subject", "told",
        id="named-told-outlet-recipient",
    ),
    pytest.param(
        "The International Monetary Fund has warned that rising debt could push "
        "several emerging economies into crisis.",
        "named", "speech-verb-subject", "warned",
        id="named-institution-has-warned",
    ),
    pytest.param(
        "Gov. Daniel Reyes will announce on Thursday that the state is expanding "
        "its free school meals program to every public school.",
        "named", "speech-verb-subject", "announce",
        id="named-future-will-announce",
    ),
    pytest.param(
        "The Pentagon said in a statement that the strike had killed two senior "
        "militia commanders.",
        "named", "speech-verb-subject", "said",
        id="named-pentagon-statement",
    ),
    pytest.param(
        "The Kremlin denied that Russian forces had targeted civilian energy "
        "infrastructure overnight.",
        "named", "speech-verb-subject", "denied",
        id="named-kremlin-denied",
    ),
    pytest.param(
        "The U.S. confirmed in the spring that it had sent the missiles to Ukraine, "
        "on condition that they be used only inside Ukrainian territory.",
        "named", "speech-verb-subject", "confirmed",
        id="named-us-confirmed",
    ),
    pytest.param(
        "Ukraine's General Staff says Russian forces lost more than 1,200 troops "
        "in the past 24 hours.",
        "named", "speech-verb-subject", "says",
        id="named-general-staff-present",
    ),
    pytest.param(
        "A Pentagon spokesman said the deployment was routine and was not linked "
        "to the ceasefire talks.",
        "named", "speech-verb-subject", "said",
        id="named-spokesman-for-named-body",
    ),
    pytest.param(
        "An Under Armour spokesperson said the company was cooperating fully with "
        "investigators.",
        "named", "speech-verb-subject", "said",
        id="named-company-spokesperson",
    ),
    pytest.param(
        "Police in Columbus, Ohio, said the suspect was taken into custody without "
        "incident shortly after midnight.",
        "named", "speech-verb-subject", "said",
        id="named-police-in-city",
    ),
    pytest.param(
        "GM Chief Executive Mary Barra expects the company's electric vehicle "
        "business to turn a profit next year.",
        "named", "speech-verb-subject", "expects",
        id="named-thought-verb-expects",
    ),
    pytest.param(
        "Mayor Karen Holt said the city would open three new shelters this winter. "
        '"We cannot wait for the state to act," she added.',
        "named", "speech-verb-subject", "added",
        id="named-backref-pronoun-added",
    ),
    pytest.param(
        "Finance Minister Helen Marsh presented the budget to parliament on "
        "Wednesday. The minister said tax rises on working families had been "
        "ruled out.",
        "named", "speech-verb-subject", "said",
        id="named-backref-the-minister",
    ),
    pytest.param(
        "Pfizer shares rose 3% in early trading on Monday. The company said in a "
        "statement that the late-stage trial had met its main goal.",
        "named", "speech-verb-subject", "said",
        id="named-backref-the-company",
    ),
    pytest.param(
        "Nike issued a statement hours after the verdict. \"We respectfully "
        'disagree with the jury and will appeal," the statement reads.',
        "named", "document-subject", "reads",
        id="named-backref-statement-reads",
    ),
    pytest.param(
        "The Education Department made clear that it would not extend the "
        "deadline for states to submit their plans.",
        "named", "speech-verb-subject", "made clear",
        id="named-made-clear",
    ),
    pytest.param(
        "Greenfield Energy defended its accounts in a lengthy rebuttal posted on "
        "its website on Sunday.",
        "named", "speech-verb-subject", "defended",
        id="named-defended-accounts",
    ),
    pytest.param(
        "Sen. Laura Whitfield attacked the merger, saying it would raise grocery "
        "prices for millions of families.",
        "named", "speech-verb-participle", "saying",
        id="named-participial-saying",
    ),
    pytest.param(
        "The plan was announced by the Health Ministry on Tuesday.",
        "named", "passive-by-agent", "was announced by",
        id="named-passive-ministry",
    ),
    pytest.param(
        "The death toll of 14 was confirmed by the Cook County medical examiner's "
        "office late Sunday.",
        "named", "passive-by-agent", "was confirmed by",
        id="named-passive-medical-examiner",
    ),
    pytest.param(
        "According to NATO Secretary-General Mark Rutte, allies have agreed to "
        "double their production of artillery shells.",
        "named", "according-to", "According to",
        id="named-according-to-initial",
    ),
    pytest.param(
        "The new plant will employ about 1,200 people, according to Ford.",
        "named", "according-to", "according to",
        id="named-according-to-company-final",
    ),
    pytest.param(
        "The fire, according to the county fire marshal, began in an electrical "
        "panel behind the kitchen.",
        "named", "according-to", "according to",
        id="named-according-to-medial",
    ),
    pytest.param(
        "Hartmann Automotive plans to close two of its German plants and cut "
        "8,000 jobs, citing works council chief Petra Lang.",
        "named", "citing", "citing",
        id="named-citing-person",
    ),
    pytest.param(
        "Euro zone inflation eased to 2.2% in August, citing a flash estimate "
        "from Eurostat.",
        "named", "citing", "citing",
        id="named-citing-agency",
    ),
    pytest.param(
        "A spokeswoman for the Los Angeles Police Department declined to comment.",
        "named", "declined-to-comment", "declined to comment",
        id="named-declined-to-comment",
    ),
    pytest.param(
        "Amazon did not respond to a request for comment.",
        "named", "declined-to-comment", "did not respond to a request for comment",
        id="named-did-not-respond",
    ),
    pytest.param(
        "Representatives for Meta did not immediately respond to requests for "
        "comment on Friday.",
        "named", "declined-to-comment",
        "did not immediately respond to requests for comment",
        id="named-did-not-immediately-respond",
    ),
    pytest.param(
        "Fed in no hurry to cut rates - Powell",
        "named", "headline-source", "-",
        id="named-headline-dash-person",
    ),
    pytest.param(
        "Zelenskyy: Ukraine will not cede territory",
        "named", "colon-speaker", ":",
        id="named-colon-speaker-person",
    ),
    pytest.param(
        "Pentagon: No U.S. troops injured in drone attack on base in Syria",
        "named", "colon-speaker", ":",
        id="named-colon-speaker-institution",
    ),
    pytest.param(
        "A study published in the BMJ found that people who walked at least 7,000 "
        "steps a day had a lower risk of early death.",
        "named", "document-subject", "found",
        id="named-doc-journal-study",
    ),
    pytest.param(
        "Court records filed in the case show the former treasurer wired more than "
        "$2 million to accounts in Cyprus.",
        "named", "document-subject", "show",
        id="named-doc-court-records",
    ),
    pytest.param(
        "A UN report found that global carbon emissions rose 1.3% last year.",
        "named", "document-subject", "found",
        id="named-doc-un-report",
    ),
    pytest.param(
        "A Quinnipiac University poll released Tuesday shows the governor leading "
        "her Republican challenger by six points.",
        "named", "document-subject", "shows",
        id="named-doc-poll",
    ),
    pytest.param(
        "Harbor Foods' annual filing says new tariffs could cut its operating "
        "profit by as much as $400 million.",
        "named", "document-subject", "says",
        id="named-doc-annual-filing",
    ),
    pytest.param(
        "A police report states that the officer fired three shots before the car "
        "came to a stop.",
        "named", "document-subject", "states",
        id="named-doc-police-report",
    ),
    pytest.param(
        "Researchers at Stanford University followed 4,000 teenagers for a decade. "
        "The study suggests heavy social media use is linked to poorer sleep.",
        "named", "document-subject", "suggests",
        id="named-doc-backref-the-study",
    ),
    pytest.param(
        '"We are not going anywhere," Mayor Ana Ruiz said. "This city has been '
        'through worse. We will rebuild."',
        "named", "quote-continuation", "said",
        id="named-quote-continuation-last",
    ),
    pytest.param(
        '"The numbers are sobering," said Dr. Amir Khan, the county health '
        'officer. "We expect hospitalizations to keep rising through January."',
        "named", "quote-continuation", "said",
        id="named-quote-continuation-inverted",
    ),
    pytest.param(
        'Judge Lisa Moreno said from the bench: "The defendant has shown no '
        'remorse. His victims deserve better."',
        "named", "quote-continuation", "said",
        id="named-quote-continuation-speaker-first",
    ),
    # ------------------------------------------------------------------
    # anonymous: unnamed individuals or groups, vague collectives, and
    # back-references to them; the recipient is never the source
    # ------------------------------------------------------------------
    pytest.param(
        "For the first time, the president has allowed Ukraine to use the missiles "
        "for strikes inside Russia, a U.S. official told NPR on Sunday.",
        "anonymous", "speech-verb-subject", "told",
        id="anon-told-recipient",
    ),
    pytest.param(
        "A person familiar with the deal told Reuters the two sides were still "
        "far apart on price.",
        "anonymous", "speech-verb-subject", "told",
        id="anon-told-via-outlet",
    ),
    pytest.param(
        "A senior administration official said the president had not yet made a "
        "final decision on the troop drawdown.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-senior-admin-official",
    ),
    pytest.param(
        "A White House official said the president would sign the bill on Friday.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-white-house-official",
    ),
    pytest.param(
        "A senior Israeli official said Prime Minister Benjamin Netanyahu had "
        "rejected the latest proposal.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-named-person-in-content",
    ),
    pytest.param(
        "Two people familiar with the plans said the merger could be announced as "
        "soon as Monday.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-people-familiar",
    ),
    pytest.param(
        "Officials believe that the wildfire was sparked by a downed power line.",
        "anonymous", "speech-verb-subject", "believe",
        id="anon-officials-believe",
    ),
    pytest.param(
        "Diplomats say the talks in Doha have stalled over the sequencing of a "
        "prisoner exchange.",
        "anonymous", "speech-verb-subject", "say",
        id="anon-diplomats-say",
    ),
    pytest.param(
        "Critics argue the new rules will drive small landlords out of the market.",
        "anonymous", "speech-verb-subject", "argue",
        id="anon-critics-argue",
    ),
    pytest.param(
        "The heat wave could push the regional power grid to its limits, experts "
        "warned.",
        "anonymous", "speech-verb-subject", "warned",
        id="anon-trailing-experts-warned",
    ),
    pytest.param(
        "Analysts expect the bank to report a sharp drop in quarterly profit.",
        "anonymous", "speech-verb-subject", "expect",
        id="anon-analysts-expect",
    ),
    pytest.param(
        "Residents said the shelling continued through the night.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-residents-said",
    ),
    pytest.param(
        "U.S. intelligence warns that North Korea may conduct a nuclear test before "
        "the end of the year.",
        "anonymous", "speech-verb-subject", "warns",
        id="anon-vague-collective-intelligence",
    ),
    pytest.param(
        "Western officials estimate that Russia has suffered more than 600,000 "
        "casualties since the invasion began.",
        "anonymous", "speech-verb-subject", "estimate",
        id="anon-western-officials-estimate",
    ),
    pytest.param(
        "The intelligence community assesses that Iran is not currently building "
        "a nuclear weapon.",
        "anonymous", "speech-verb-subject", "assesses",
        id="anon-intelligence-community",
    ),
    pytest.param(
        "The raid was carried out by a special forces unit, one Israeli official "
        "said, speaking on condition of anonymity because he was not authorized to "
        "discuss the operation.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-trailing-condition-of-anonymity",
    ),
    pytest.param(
        '"Nobody saw this coming," said one senior Democratic aide.',
        "anonymous", "speech-verb-subject", "said",
        id="anon-inverted-said",
    ),
    pytest.param(
        "Officials stated that the missiles had arrived in September. They also "
        "mentioned that more shipments were planned before the end of the year.",
        "anonymous", "speech-verb-subject", "mentioned",
        id="anon-backref-they-mentioned",
    ),
    pytest.param(
        "A U.S. official told NPR the strike was authorized on Friday. The U.S. "
        "official, who was not authorized to speak publicly, said more weapons "
        "would follow.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-backref-the-official-who",
    ),
    pytest.param(
        "Some economists criticized the plan, saying it would fuel inflation.",
        "anonymous", "speech-verb-subject", "criticized",
        id="anon-participial-saying",
    ),
    pytest.param(
        "Shares of the retailer fell 9% on Wednesday, with several analysts saying "
        "the deal could collapse.",
        "anonymous", "speech-verb-subject", "saying",
        id="anon-absolute-with-analysts-saying",
    ),
    pytest.param(
        "The casualty figures were confirmed by officials in both countries.",
        "anonymous", "passive-by-agent", "were confirmed by",
        id="anon-passive-officials",
    ),
    pytest.param(
        "According to officials, the missiles will first be used to defend "
        "Ukrainian positions in the Kursk region.",
        "anonymous", "according-to", "According to",
        id="anon-according-to-officials",
    ),
    pytest.param(
        "The striker is set to sign a five-year contract, according to sources "
        "close to the club.",
        "anonymous", "according-to", "according to",
        id="anon-according-to-sources",
    ),
    pytest.param(
        "The deal values the company at about $12 billion, according to people "
        "familiar with the negotiations.",
        "anonymous", "according-to", "according to",
        id="anon-according-to-people-familiar",
    ),
    pytest.param(
        "The company cut its full-year outlook, citing two people familiar with "
        "the matter.",
        "anonymous", "citing", "citing",
        id="anon-citing-people-familiar",
    ),
    pytest.param(
        "Israel has begun preparing for a limited ground operation in southern "
        "Lebanon, citing Western officials.",
        "anonymous", "citing", "citing",
        id="anon-citing-western-officials",
    ),
    pytest.param(
        "A senior U.S. defense official said the drones were launched from Iraq. "
        "The official declined to comment on whether further strikes were planned.",
        "anonymous", "declined-to-comment", "declined to comment",
        id="anon-backref-declined-to-comment",
    ),
    pytest.param(
        "Staples explores sale - source",
        "anonymous", "headline-source", "-",
        id="anon-headline-dash-source",
    ),
    pytest.param(
        "Lakers close to deal for Bulls guard - sources",
        "anonymous", "headline-source", "-",
        id="anon-headline-dash-sources",
    ),
    pytest.param(
        "Sources: Jets to hire Bills defensive coordinator as head coach",
        "anonymous", "colon-speaker", ":",
        id="anon-colon-speaker-sources",
    ),
    pytest.param(
        "Studies show that children who read for pleasure do better in math.",
        "anonymous", "document-subject", "show",
        id="anon-doc-studies-show",
    ),
    pytest.param(
        "A recent report found that one in four rural hospitals is at risk of "
        "closing.",
        "anonymous", "document-subject", "found",
        id="anon-doc-recent-report",
    ),
    pytest.param(
        "Documents seen by the paper show the ministry knew of the defect as early "
        "as 2019.",
        "anonymous", "document-subject", "show",
        id="anon-doc-documents-seen-by-paper",
        # en_core_web_sm 3.8 tags "show" as a noun here ("the paper show"); the
        # component repairs the verbless parse.
    ),
    pytest.param(
        '"We have no interceptors left," a Ukrainian air defense commander told '
        'The Associated Press. "Every night we choose which city to protect."',
        "anonymous", "quote-continuation", "told",
        id="anon-quote-continuation",
    ),
    # ------------------------------------------------------------------
    # publication: news outlets by name or description, journalists reporting
    # for them, outlets citing their own reporting; outer source wins
    # ------------------------------------------------------------------
    pytest.param(
        "The president has authorized Ukraine to use the missiles against targets "
        "in Russia. This was reported by The New York Times.",
        "publication", "passive-by-agent", "was reported by",
        id="pub-passive-nyt",
    ),
    pytest.param(
        "The talks were first reported by The Wall Street Journal.",
        "publication", "passive-by-agent", "were first reported by",
        id="pub-passive-wsj-adverb",
    ),
    pytest.param(
        "NYT highlights that Russian forces are massing near the border for a "
        "large-scale offensive.",
        "publication", "cue-that-clause", "highlights",
        id="pub-nyt-highlights",
    ),
    pytest.param(
        "The publication notes that the decision marks a significant shift in U.S. "
        "policy.",
        "publication", "speech-verb-subject", "notes",
        id="pub-the-publication-notes",
    ),
    pytest.param(
        "The newspaper reported that the mayor had charged personal travel to a "
        "city credit card.",
        "publication", "speech-verb-subject", "reported",
        id="pub-the-newspaper-reported",
    ),
    pytest.param(
        "Local media said at least 12 people had been killed in the landslide.",
        "publication", "speech-verb-subject", "said",
        id="pub-local-media-said",
    ),
    pytest.param(
        "North Korea launched a new solid-fuel missile on Thursday, state media "
        "reported.",
        "publication", "speech-verb-subject", "reported",
        id="pub-trailing-state-media",
    ),
    pytest.param(
        "Two police officers were wounded in the shootout, the Associated Press "
        "reported.",
        "publication", "speech-verb-subject", "reported",
        id="pub-trailing-ap-reported",
    ),
    pytest.param(
        "Reuters reported last month that the company was exploring a sale of its "
        "cloud unit.",
        "publication", "speech-verb-subject", "reported",
        id="pub-reuters-reported",
    ),
    pytest.param(
        "Politico has learned that the committee will subpoena the former chief "
        "of staff next week.",
        "publication", "speech-verb-subject", "learned",
        id="pub-outlet-has-learned",
    ),
    pytest.param(
        "Maya Patel of Politico reported that the White House was weighing a new "
        "round of tariffs on steel.",
        "publication", "speech-verb-subject", "reported",
        id="pub-journalist-for-outlet",
    ),
    pytest.param(
        "As the BBC previously reported, the hospital trust had been warned about "
        "staffing shortages in its maternity unit.",
        "publication", "speech-verb-subject", "reported",
        id="pub-as-previously-reported",
    ),
    pytest.param(
        "The Times reported, citing unnamed officials, that the missiles had "
        "already been shipped to Poland.",
        "publication", "speech-verb-subject", "reported",
        id="pub-nested-citing-outer-wins",
    ),
    pytest.param(
        "Der Spiegel reported, citing internal ministry documents, that the "
        "frigate program was two years behind schedule.",
        "publication", "speech-verb-subject", "reported",
        id="pub-nested-citing-documents",
    ),
    pytest.param(
        "The company plans to cut about 10% of its workforce, according to Reuters.",
        "publication", "according-to", "according to",
        id="pub-according-to-agency",
    ),
    pytest.param(
        "According to a report by Reuters, the two companies held talks as "
        "recently as last week.",
        "publication", "according-to", "According to",
        id="pub-according-to-report-by",
    ),
    pytest.param(
        "The startup is in talks to raise $6 billion at a $40 billion valuation, "
        "citing a report by Bloomberg News.",
        "publication", "citing", "citing",
        id="pub-citing-report-by",
    ),
    pytest.param(
        "The Kremlin is preparing a new wave of mobilization, citing the "
        "independent Russian outlet Meduza.",
        "publication", "citing", "citing",
        id="pub-citing-outlet",
    ),
    pytest.param(
        "Fox News did not respond to a request for comment.",
        "publication", "declined-to-comment", "did not respond to a request for comment",
        id="pub-outlet-did-not-respond",
    ),
    pytest.param(
        "Under Armour faces federal probe: WSJ",
        "publication", "headline-source", ":",
        id="pub-headline-colon-outlet",
    ),
    pytest.param(
        "Apple in talks to buy stake in Formula One team - FT",
        "publication", "headline-source", "-",
        id="pub-headline-dash-outlet",
    ),
    pytest.param(
        '"The council has failed this city," the Herald wrote in an editorial on '
        'Sunday. "It is time for new leadership."',
        "publication", "quote-continuation", "wrote",
        id="pub-quote-continuation-editorial",
    ),
    # ------------------------------------------------------------------
    # unattributed: agentless and hedged attributions, presupposition formulas,
    # and plain narration, including traps that must NOT be labelled
    # ------------------------------------------------------------------
    pytest.param(
        "It was reported that the defense minister had offered his resignation.",
        "unattributed", "agentless", "was reported",
        id="unattr-agentless-was-reported",
    ),
    pytest.param(
        "It is believed that the fire started in a kitchen on the second floor.",
        "unattributed", "agentless", "is believed",
        id="unattr-agentless-is-believed",
    ),
    pytest.param(
        "It is expected that the bill will clear the House next week.",
        "unattributed", "agentless", "is expected",
        id="unattr-agentless-is-expected",
    ),
    pytest.param(
        "The two airlines are said to be close to a merger agreement.",
        "unattributed", "agentless", "are said",
        id="unattr-agentless-are-said-to",
    ),
    pytest.param(
        "As is known, the Pentagon is delaying the transfer of the missiles to "
        "Ukraine.",
        "unattributed", "presupposed", "As is known",
        id="unattr-presupposed-as-is-known",
    ),
    pytest.param(
        "It should be noted that the United Kingdom was awaiting U.S. approval "
        "before allowing the strikes.",
        "unattributed", "presupposed", "It should be noted that",
        id="unattr-presupposed-should-be-noted",
    ),
    pytest.param(
        "It is no secret that the club has struggled financially since its "
        "relegation.",
        "unattributed", "presupposed", "It is no secret that",
        id="unattr-presupposed-no-secret",
    ),
    pytest.param(
        "The singer reportedly paid $30 million for the Malibu estate.",
        "unattributed", "hedge-adverb", "reportedly",
        id="unattr-hedge-reportedly",
    ),
    pytest.param(
        "Reportedly, the two leaders spoke by phone on Saturday.",
        "unattributed", "hedge-adverb", "Reportedly",
        id="unattr-hedge-reportedly-initial",
    ),
    pytest.param(
        "The suspect allegedly fired at officers before fleeing on foot.",
        "unattributed", "hedge-adverb", "allegedly",
        id="unattr-hedge-allegedly",
    ),
    pytest.param(
        "President Joe Biden has authorized Ukraine to use long-range missiles "
        "against targets inside Russia.",
        "unattributed", "", "",
        id="unattr-action-authorized-trap",
    ),
    pytest.param(
        "Until recently, the administration resisted allowing Ukraine to fire the "
        "missiles into Russian territory.",
        "unattributed", "", "",
        id="unattr-action-resisted-trap",
    ),
    pytest.param(
        "The Pentagon is delaying the delivery of the air defense systems.",
        "unattributed", "", "",
        id="unattr-action-named-body-trap",
    ),
    pytest.param(
        "Mayor Ana Ruiz toured the flooded neighborhood on Tuesday.",
        "unattributed", "", "",
        id="unattr-action-named-person-trap",
    ),
    pytest.param(
        "The policy shift comes two months before President-elect Donald Trump, "
        "who has promised to limit further aid, returns to the White House.",
        "unattributed", "", "",
        id="unattr-relative-clause-trap",
    ),
    pytest.param(
        "The bill now goes to Gov. Gavin Newsom, who said last year that he would "
        "veto any such measure.",
        "unattributed", "", "",
        id="unattr-relative-clause-said-trap",
    ),
    pytest.param(
        "Shares of the chipmaker tumbled 8% after Bloomberg reported that the "
        "acquisition had collapsed.",
        "unattributed", "", "",
        id="unattr-temporal-clause-report-trap",
    ),
    pytest.param(
        "Ticket sales dried up when local media reported that the festival's "
        "headliner had pulled out.",
        "unattributed", "", "",
        id="unattr-when-clause-report-trap",
    ),
    pytest.param(
        "The chief executive apologized to the committee.",
        "unattributed", "", "",
        id="unattr-act-without-content-apologized",
    ),
    pytest.param(
        "The audit focused on procurement contracts signed between 2019 and 2022.",
        "unattributed", "", "",
        id="unattr-act-without-content-audit",
    ),
    pytest.param(
        "The company added 300 jobs in March.",
        "unattributed", "", "",
        id="unattr-added-as-action-trap",
    ),
    pytest.param(
        "NPR's Tom Bowman contributed reporting.",
        "unattributed", "", "",
        id="unattr-credit-contributed-reporting",
    ),
    pytest.param(
        "Associated Press writer Daniel Ortiz in Phoenix contributed to this report.",
        "unattributed", "", "",
        id="unattr-credit-contributed-to-report",
    ),
    pytest.param(
        "Photo by Carlos Mendez/Reuters",
        "unattributed", "", "",
        id="unattr-photo-credit",
    ),
    pytest.param(
        "Mario Tama/Getty Images hide caption",
        "unattributed", "", "",
        id="unattr-hide-caption",
    ),
    pytest.param(
        "KYIV, Ukraine (AP) —",
        "unattributed", "", "",
        id="unattr-dateline",
    ),
    pytest.param(
        "Storm knocks out power to 200,000 homes in Michigan",
        "unattributed", "", "",
        id="unattr-headline-plain",
    ),
    pytest.param(
        "The missiles, known as ATACMS, can travel about 190 miles.",
        "unattributed", "", "",
        id="unattr-background-fact",
    ),
    pytest.param(
        "The Celtics won their fourth straight game on Sunday, beating the Knicks "
        "112-104.",
        "unattributed", "", "",
        id="unattr-sports-narration",
    ),
    pytest.param(
        "The jury deliberated for nine hours before reaching a verdict.",
        "unattributed", "", "",
        id="unattr-court-narration",
    ),
    pytest.param(
        "The telescope launched in December 2021 and reached its orbit a month "
        "later.",
        "unattributed", "", "",
        id="unattr-science-narration",
    ),
    # ------------------------------------------------------------------
    # title-case headlines: the cue verbs and source nouns of a headline
    # written in title case must still be read as words, not names
    # ------------------------------------------------------------------
    pytest.param(
        "Sen. Bernie Sanders spoke to supporters in Iowa on Monday.\n"
        "Sanders Vows To Keep Fighting For Delegates",
        "named", "speech-verb-subject", "Vows",
        id="named-title-case-headline-vows",
    ),
    pytest.param(
        "Trump Could Back Clean Energy Plan, Lindsey Graham Says.",
        "named", "speech-verb-subject", "Says",
        id="named-title-case-headline-trailing-says",
    ),
    pytest.param(
        "Mayor Ana Ruiz toured the flooded neighborhood on Tuesday.\n"
        "Ruiz Calls Flood Response 'A Disgrace'",
        "named", "speech-verb-subject", "Calls",
        id="named-title-case-headline-calls",
    ),
    pytest.param(
        "New Poll Shows Clinton With A Narrow Lead In Ohio",
        "anonymous", "document-subject", "Shows",
        id="anon-title-case-headline-new-poll-shows",
    ),
    pytest.param(
        "Storm Knocks Out Power To 200,000 Homes In Michigan",
        "unattributed", "", "",
        id="unattr-title-case-headline-plain",
    ),
    # ------------------------------------------------------------------
    # a trailing ", X said." whose subject the parser loses
    # ------------------------------------------------------------------
    pytest.param(
        "Secrecy is nothing new when it comes to the senator's health, the "
        "candidate's former doctor maintains.",
        "named", "trailing-speaker", "maintains",
        id="named-trailing-speaker-mistagged-verb",
    ),
    pytest.param(
        '"I will make this promise to you: we will find who did this," Tulsa '
        "police Chief Chuck Jordan said Monday.",
        "named", "", "said",
        id="named-trailing-speaker-after-quote",
    ),
    pytest.param(
        "Coverage for part-time workers remains unclear, experts say.",
        "anonymous", "", "say",
        id="anon-trailing-experts-say",
    ),
    pytest.param(
        "The company cut 300 jobs, the second round of layoffs this year.",
        "unattributed", "", "",
        id="unattr-trailing-noun-phrase-not-speaker",
    ),
    pytest.param(
        "The poll of 834 voters has a margin of error of plus or minus 4 "
        "percentage points.",
        "unattributed", "", "",
        id="unattr-trailing-points-not-a-verb",
    ),
    pytest.param(
        "In July 2012, the coal company failed, as predicted.",
        "unattributed", "", "",
        id="unattr-trailing-as-predicted-not-speaker",
    ),
    # ------------------------------------------------------------------
    # a statement, comment or remarks issued with content
    # ------------------------------------------------------------------
    pytest.param(
        "After an emergency meeting, the Security Council issued a statement "
        'calling the missile launch "a flagrant violation" of its resolutions.',
        "named", "statement-noun", "issued a statement",
        id="named-statement-noun-calling",
    ),
    pytest.param(
        "On March 3, Senator Ana Ruiz made the following comment:",
        "named", "statement-noun", "made the following comment",
        id="named-statement-noun-colon",
    ),
    pytest.param(
        "On March 3, Senator Ana Ruiz made the following comment:\n"
        '"Young workers without a diploma face an unemployment rate of 33 percent. '
        'For Black teenagers it is 51 percent."',
        "named", "quote-continuation", "made the following comment",
        id="named-block-quote-after-statement-noun",
    ),
    pytest.param(
        "The mayor issued a statement on the shooting.",
        "unattributed", "", "",
        id="unattr-statement-noun-without-content",
    ),
    pytest.param(
        "The ruling sends a clear message that nobody is above the law.",
        "unattributed", "", "",
        id="unattr-figurative-message-not-statement",
    ),
    # ------------------------------------------------------------------
    # "by saying": the participle hangs under "by"
    # ------------------------------------------------------------------
    pytest.param(
        "The senator opened the hearing by saying the bank had betrayed its "
        "customers.",
        "named", "speech-verb-participle", "by saying",
        id="named-by-saying",
    ),
    pytest.param(
        "Dr. Lena Ortiz appeared on the morning show and began by saying she "
        "would never diagnose a patient on television.",
        "named", "speech-verb-participle", "by saying",
        id="named-coordinated-began-by-saying",
    ),
    pytest.param(
        "The reporter made her name by reporting on the war in Bosnia.",
        "unattributed", "", "",
        id="unattr-by-reporting-on-is-a-means",
    ),
    pytest.param(
        "Congress can enforce a subpoena by asking federal prosecutors to charge "
        "the witness.",
        "unattributed", "", "",
        id="unattr-by-asking-to-is-a-request",
    ),
    # ------------------------------------------------------------------
    # coordinated clauses and aspect verbs
    # ------------------------------------------------------------------
    pytest.param(
        "He proposed dropping the tax break, but analysts agreed it was still a "
        "plan for the rich.",
        "anonymous", "speech-verb-subject", "agreed",
        id="anon-conjunct-but-analysts-agreed",
    ),
    pytest.param(
        "The coach went on to say that the team had not played well enough to "
        "win.",
        "named", "speech-verb-subject", "say",
        id="named-went-on-to-say",
    ),
    pytest.param(
        "The governor went on to win a second term in 2018.",
        "unattributed", "", "",
        id="unattr-went-on-to-win-is-an-act",
    ),
    # ------------------------------------------------------------------
    # documents: who saw them does not identify them
    # ------------------------------------------------------------------
    pytest.param(
        "Documents obtained by The Washington Post show that the agency knew of "
        "the leak for months.",
        "anonymous", "document-subject", "show",
        id="anon-doc-obtained-by-outlet",
    ),
    pytest.param(
        "Court records filed in the case show that the agency knew of the leak "
        "for months.",
        "named", "document-subject", "show",
        id="named-doc-court-records-filed",
    ),
    pytest.param(
        "The trade fair show drew record crowds this weekend.",
        "unattributed", "", "",
        id="unattr-show-as-a-noun",
    ),
    # ------------------------------------------------------------------
    # colon labels and section titles are not speakers
    # ------------------------------------------------------------------
    pytest.param(
        "The Latest: Storm knocks out power to 200,000 homes in Michigan.",
        "unattributed", "", "",
        id="unattr-colon-the-latest-label",
    ),
    pytest.param(
        "The Gap Remains: Women hold a third of the agency's senior posts.",
        "unattributed", "", "",
        id="unattr-colon-section-title-with-verb",
    ),
    pytest.param(
        "(WARNING: Video contains graphic images.)",
        "unattributed", "", "",
        id="unattr-colon-parenthesised-warning",
    ),
    # ------------------------------------------------------------------
    # a list introduced by "X ...:" takes X's label, line by line
    # ------------------------------------------------------------------
    pytest.param(
        "The coach said his team had three tasks for the second half:\n"
        "Keep the ball\n"
        "Win the rebounds\n"
        "Stay out of foul trouble.",
        "named", "quote-continuation", "said",
        id="named-list-lines-after-colon-intro",
    ),
    pytest.param(
        "The coach said his team had three tasks for the second half:\n"
        "Keep the ball and win the rebounds.\n"
        "The game was delayed by 40 minutes because of a power failure at the "
        "arena, and thousands of fans waited outside in the cold before the doors "
        "finally opened again.",
        "unattributed", "", "",
        id="unattr-long-paragraph-after-the-list-ends-it",
    ),
    # ------------------------------------------------------------------
    # "one of X's advisers" is as anonymous as "advisers"
    # ------------------------------------------------------------------
    pytest.param(
        "One of the governor's closest advisers said the budget would be "
        "delayed.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-partitive-one-of-named-persons-advisers",
    ),
    pytest.param(
        "One of the company's spokesmen said the plant would close in June.",
        "named", "speech-verb-subject", "said",
        id="named-partitive-one-of-company-spokesmen",
    ),
    pytest.param(
        "One of the family's attorneys, Justin Bamberg, said the video showed "
        "no weapon.",
        "named", "speech-verb-subject", "said",
        id="named-partitive-with-named-apposition",
    ),
    pytest.param(
        "Zelenskyy thanked allies for the new air-defense systems and said more "
        "were needed.",
        "named", "speech-verb-subject", "said",
        id="named-sentence-initial-name-tagged-common-noun",
    ),
    pytest.param(
        "Doe calls rival's plan 'a disaster' at rally.",
        "named", "speech-verb-subject", "calls",
        id="named-headline-single-quoted-characterisation",
    ),
    pytest.param(
        "His group, called the Riverton Conservation Fund, will keep the land.",
        "unattributed", "", "",
        id="unattr-called-names-not-says",
    ),
    pytest.param(
        "Source: NATO.",
        "unattributed", "", "",
        id="unattr-chart-source-credit",
    ),
    pytest.param(
        "Some lawmakers have raised concerns that the weapons could be used "
        "inside Russia.",
        "anonymous", "statement-noun", "raised concerns",
        id="anon-raised-concerns-that",
    ),
    pytest.param(
        "The head of the agency's intelligence directorate, Kyrylo Budanov, in an "
        "interview with The War Zone, said that Russia was preparing a new offensive.",
        "named", "speech-verb-subject", "said",
        id="named-role-of-body-with-appositive-name-and-interview-setting",
    ),
    pytest.param(
        "Media reports suggest that the decision was made after the troops arrived.",
        "publication", "document-subject", "suggest",
        id="pub-media-reports-suggest",
    ),
    pytest.param(
        "Earlier, RBC-Ukraine reported that the first strikes could target airfields.",
        "publication", "speech-verb-subject", "reported",
        id="pub-ukrainian-outlet-reported",
    ),
    pytest.param(
        "Mayor Ana Ruiz toured the flooded district on Monday. According to her, "
        "200 homes were damaged.",
        "named", "according-to", "According to",
        id="named-according-to-object-pronoun",
    ),
    pytest.param(
        "Mayor Ana Ruiz toured the flooded district on Monday. In her words, the "
        "city was not ready.",
        "named", "in-words-of", "In",
        id="named-in-her-words",
    ),
    pytest.param(
        "In the view of several diplomats, the deal is dead.",
        "anonymous", "in-words-of", "In",
        id="anon-in-the-view-of-diplomats",
    ),
    pytest.param(
        "This is stated in the material of The Wall Street Journal.",
        "publication", "passive-in-document", "stated",
        id="pub-stated-in-the-material-of-outlet",
    ),
    pytest.param(
        "A source in the General Staff said the offensive had stalled. The "
        "interlocutor added that reserves were running low.",
        "anonymous", "speech-verb-subject", "added",
        id="anon-the-interlocutor-added",
    ),
    pytest.param(
        "The difference now, he told me on Friday, is that he runs a news program.",
        "named", "speech-verb-subject", "told",
        id="named-parenthetical-on-the-subject",
    ),
    pytest.param(
        "Twelve percent indicated that they were not sure.",
        "anonymous", "speech-verb-subject", "indicated",
        id="anon-poll-share-indicated",
    ),
    pytest.param(
        "He told the story many times.",
        "unattributed", "", "",
        id="unattr-told-a-story-has-no-content",
    ),
    pytest.param(
        "Axios reported, citing a source, that the plan was drafted in May.",
        "publication", "speech-verb-subject", "reported",
        id="pub-reported-citing-interrupts-the-that-clause",
    ),
    pytest.param(
        "Senator Ana Ruiz railed against the influence of super PACs.",
        "named", "speech-verb-subject", "railed",
        id="named-railed-against",
    ),
    pytest.param(
        "The mayor blamed the delay on the contractor.",
        "named", "speech-verb-subject", "blamed",
        id="named-blamed-x-on-y",
    ),
    pytest.param(
        "Ruiz cited the remarks as an example of his disrespect toward voters.",
        "named", "speech-verb-subject", "cited",
        id="named-cited-x-as-y",
    ),
    pytest.param(
        "Critics dismissed the report as a whitewash.",
        "anonymous", "speech-verb-subject", "dismissed",
        id="anon-dismissed-x-as-y",
    ),
    pytest.param(
        "Ruiz cited her endorsements from 40 mayors.",
        "unattributed", "", "",
        id="unattr-cited-without-as-is-an-act",
    ),
    pytest.param(
        "As the mayor put it in a statement in July, the city is \"not for sale.\"",
        "named", "speech-verb-subject", "put",
        id="named-as-x-put-it",
    ),
    pytest.param(
        "She put it on the table.",
        "unattributed", "", "",
        id="unattr-put-it-literal",
    ),
    pytest.param(
        "The strike hit an ammunition depot near Kherson, per the Pentagon.",
        "named", "according-to", "per",
        id="named-per-the-pentagon",
    ),
    pytest.param(
        "Per two people familiar with the plan, the army will withdraw from the city.",
        "anonymous", "according-to", "Per",
        id="anon-per-people-familiar",
    ),
    pytest.param(
        "The talks will resume on Monday, per Axios.",
        "publication", "according-to", "per",
        id="pub-per-outlet",
    ),
    pytest.param(
        "Tuition rose to $40,000 per student last year.",
        "unattributed", "", "",
        id="unattr-per-is-a-rate",
    ),
    pytest.param(
        "By the ministry's count, 30 civilians were killed in the strike.",
        "named", "in-words-of", "By",
        id="named-by-the-ministrys-count",
    ),
    pytest.param(
        "As noted in the Pentagon's statement, the strike hit an ammunition depot.",
        "named", "passive-in-document", "noted",
        id="named-as-noted-in-statement",
    ),
    pytest.param(
        "Zelenskyy doubled down on his claim that Russia was preparing a new offensive.",
        "named", "statement-noun", "doubled",
        id="named-doubled-down-on-his-claim",
    ),
    pytest.param(
        "Reporters looked into his claim that the contract was void.",
        "unattributed", "", "",
        id="unattr-looked-into-his-claim",
    ),
    pytest.param(
        "Gov. Ana Ruiz lauded the workers for their \"courage and decency.\"",
        "named", "speech-verb-subject", "lauded",
        id="named-lauded",
    ),
    pytest.param(
        "U.S. officials are confident that the ceasefire will hold.",
        "anonymous", "thought-adjective", "confident",
        id="anon-officials-are-confident-that",
    ),
    pytest.param(
        "The Pentagon is concerned that the weapons could be used inside Russia.",
        "named", "thought-adjective", "concerned",
        id="named-pentagon-is-concerned-that",
    ),
    pytest.param(
        "The mayor is concerned about the flooding.",
        "unattributed", "", "",
        id="unattr-concerned-about-no-clause",
    ),
    pytest.param(
        "There are some economists who argue that corporate taxes should be cut to zero.",
        "anonymous", "speech-verb-subject", "argue",
        id="anon-there-are-economists-who-argue",
    ),
    pytest.param(
        "There are people in the town who work two jobs.",
        "unattributed", "", "",
        id="unattr-there-are-people-who-work",
    ),
    pytest.param(
        "By some estimates, 30,000 people have fled the city.",
        "anonymous", "in-words-of", "By",
        id="anon-by-some-estimates",
    ),
    pytest.param(
        "Investigators found that the pilot had not slept for 30 hours.",
        "anonymous", "speech-verb-subject", "found",
        id="anon-investigators-found-that",
    ),
    pytest.param(
        "Police found the car abandoned near the border.",
        "unattributed", "", "",
        id="unattr-police-found-the-car",
    ),
    pytest.param(
        "European diplomats derided the deal as toothless.",
        "anonymous", "speech-verb-subject", "derided",
        id="anon-derided-as",
    ),
    pytest.param(
        "\u201cHe makes blanket statements about people he knows nothing about.\u201d\u2015 Pamela Padilla",
        "named", "dash-speaker", "\u2015",
        id="named-dash-credit-glued-to-the-closing-mark",
    ),
    pytest.param(
        "Axios first reported the White House was considering the move.",
        "publication", "speech-verb-subject", "reported",
        id="pub-outlet-tagged-as-adverb",
    ),
    pytest.param(
        "State news agency IRNA said the talks would resume next week.",
        "publication", "speech-verb-subject", "said",
        id="pub-two-subjects-name-wins",
    ),
    pytest.param(
        "The contract is worth $120 million, per Reuters.",
        "publication", "according-to", "per",
        id="pub-final-per-outlet-on-a-noun",
    ),
    pytest.param(
        "The contract is worth $120 million, per league sources.",
        "anonymous", "according-to", "per",
        id="anon-final-per-sources",
    ),
    pytest.param(
        "Citing safety concerns, the airline grounded its fleet.",
        "unattributed", "", "",
        id="unattr-citing-a-reason",
    ),
    pytest.param(
        "Walmart will report earnings on Thursday.",
        "unattributed", "", "",
        id="unattr-scheduled-report",
    ),
    pytest.param(
        "Economists polled by Reuters had expected a rise of 0.3%.",
        "anonymous", "speech-verb-subject", "expected",
        id="anon-expected-a-forecast",
    ),
    pytest.param(
        "He said goodbye to his teammates on Friday.",
        "unattributed", "", "",
        id="unattr-said-goodbye",
    ),
    pytest.param(
        "A team led by economist Raj Chetty found that children who move to better neighborhoods earn more.",
        "named", "speech-verb-subject", "found",
        id="named-team-led-by-named-person",
    ),
    pytest.param(
        "A report released last week found that most schools lack adequate ventilation.",
        "anonymous", "document-subject", "found",
        id="anon-report-released-last-week",
    ),
    pytest.param(
        "Pfizer reported earnings on Tuesday. Revenue rose 10%, according to a filing by the company.",
        "named", "according-to", "according to",
        id="named-filing-by-the-company",
    ),
    pytest.param(
        "The ministry rejected the claims.",
        "named", "speech-verb-subject", "rejected",
        id="named-rejected-the-claims",
    ),
    pytest.param(
        "The ministry rejected the offer.",
        "unattributed", "", "",
        id="unattr-rejected-the-offer",
    ),
    pytest.param(
        "The IMF pointed to Britain's decision as an example of rising sentiment against globalization.",
        "named", "speech-verb-subject", "pointed",
        id="named-pointed-to-x-as-y",
    ),
    pytest.param(
        "Mayor Ana Ruiz spoke on Monday. She doesn't think so.",
        "named", "speech-verb-subject", "think",
        id="named-think-so",
    ),
    pytest.param(
        "According to Politico, both of these areas are highly populated with black voters.",
        "publication", "according-to", "According to",
        id="pub-outlet-the-model-tagged-as-a-person",
    ),
    pytest.param(
        "The former first lady and U.S. senator said it was a mistake to use private email.",
        "named", "speech-verb-subject", "said",
        id="named-first-lady-ordinal-is-not-a-count",
    ),
    pytest.param(
        "A 2014 study that appeared in the British Medical Journal found that half of the advice was wrong.",
        "named", "document-subject", "found",
        id="named-study-that-appeared-in-journal",
    ),
    pytest.param(
        "Shell and BP announced the merger on Monday. The deal will close in the third quarter, the companies said.",
        "named", "speech-verb-subject", "said",
        id="named-the-companies-refers-back",
    ),
    pytest.param(
        "Protesters gathered outside the embassy. The protesters said they would return.",
        "anonymous", "speech-verb-subject", "said",
        id="anon-the-protesters-stay-unnamed",
    ),
    # ------------------------------------------------------------------
    # real news beyond politics (issue 14): outlets' pieces by description,
    # acts with content, documents, furniture, primary choice, no-comment
    # variants, quoted-as-saying, "It said", British single-mark quotes
    # ------------------------------------------------------------------
    pytest.param(
        'Der Spiegel published an investigation into the deal on Sunday. The article said the ministry had ignored two warnings.',
        "publication", "document-subject", "said",
        id="pub-the-article-after-an-outlet",
    ),
    pytest.param(
        'The Straits Times reported the arrests late on Monday. The newspaper said four men had been charged.',
        "publication", "speech-verb-subject", "said",
        id="pub-the-newspaper-after-a-masthead",
    ),
    pytest.param(
        'Downing Street dismissed suggestions that the prime minister would resign.',
        "named", "speech-verb-subject", "dismissed",
        id="named-dismissed-suggestions-that",
    ),
    pytest.param(
        'Mayor Lena Ortiz blamed the flooding on years of underinvestment.',
        "named", "speech-verb-subject", "blamed",
        id="named-blame-x-on-y",
    ),
    pytest.param(
        'Senator Ruth Caldwell labelled the bill a betrayal of rural voters.',
        "named", "speech-verb-subject", "labelled",
        id="named-label-x-a-y",
    ),
    pytest.param(
        'The Met Office issued a warning that more storms were on the way.',
        "named", "statement-noun", "issued a warning",
        id="named-issued-a-warning-that",
    ),
    pytest.param(
        'The company refuted the allegations in a statement on Friday.',
        "named", "speech-verb-subject", "refuted",
        id="named-refuted-the-allegations",
    ),
    pytest.param(
        'Coach Dan Reilly volunteered that his players had been tired.',
        "named", "speech-verb-subject", "volunteered",
        id="named-volunteered-that",
    ),
    pytest.param(
        'The union chief spoke for an hour, warning that strikes would spread.',
        "named", "speech-verb-participle", "warning",
        id="named-warning-that",
    ),
    pytest.param(
        'In a filing with the Securities and Exchange Commission, the company disclosed that its chief executive would step down.',
        "named", "speech-verb-subject", "disclosed",
        id="named-in-a-filing-the-company-disclosed",
    ),
    pytest.param(
        'An affidavit filed by the FBI says the suspect bought the rifle in March.',
        "named", "document-subject", "says",
        id="named-affidavit-filed-by",
    ),
    pytest.param(
        'In a press release, Acme Corp. said it would cut 200 jobs.',
        "named", "speech-verb-subject", "said",
        id="named-press-release-is-not-an-outlet",
    ),
    pytest.param(
        'The survey, carried out by the Pew Research Center, found that most adults get news from social media.',
        "named", "document-subject", "found",
        id="named-survey-carried-out-by",
    ),
    pytest.param(
        'Studies have found that the drug has no effect.',
        "anonymous", "document-subject", "found",
        id="anon-studies-have-found",
    ),
    pytest.param(
        'She called her mother from the hospital.',
        "unattributed", "", "",
        id="unattr-called-her-mother",
    ),
    pytest.param(
        'Officers responded to reports of a fight outside the pub.',
        "unattributed", "", "",
        id="unattr-responded-to-reports",
    ),
    pytest.param(
        'The goalkeeper told teammates he was leaving the club, according to The Athletic.',
        "publication", "according-to", "according to",
        id="pub-outer-according-to-beats-the-speaker",
    ),
    pytest.param(
        'The minister said the budget was balanced, but critics said the figures did not add up.',
        "named", "speech-verb-subject", "said",
        id="named-first-of-two-main-clauses-wins",
    ),
    pytest.param(
        "The Straits Times said the talks had stalled, but the paper's source said a deal was close.",
        "publication", "speech-verb-subject", "said",
        id="pub-first-of-two-main-clauses-wins",
    ),
    pytest.param(
        'The Dunmore Courier reported the closure on Monday. The Courier said the factory employed 300 people.',
        "publication", "speech-verb-subject", "said",
        id="pub-short-masthead-refers-back",
    ),
    pytest.param(
        'The Tulsa World-Herald reported that the bridge would close.',
        "publication", "speech-verb-subject", "reported",
        id="pub-hyphenated-masthead",
    ),
    pytest.param(
        'The film will open in March, according to Variety.',
        "publication", "according-to", "according to",
        id="pub-according-to-variety",
    ),
    pytest.param(
        'Ana Ruiz told Access Hollywood that she was retiring.',
        "named", "speech-verb-subject", "told",
        id="named-outlet-is-the-recipient",
    ),
    pytest.param(
        'The Asahi Shimbun reported that the cabinet would resign.',
        "publication", "speech-verb-subject", "reported",
        id="pub-shimbun-masthead",
    ),
    pytest.param(
        'The plant, which opened in 1998 and employs about 1,200 people in the region, will close by the end of next year, a company spokeswoman, Maria Lind, told the Herald.',
        "named", "speech-verb-subject", "told",
        id="named-long-sentence-trailing-spokeswoman",
    ),
    pytest.param(
        "The ministry had been warned about the dam's condition at least three times since 2019, as the Guardian previously reported.",
        "publication", "speech-verb-subject", "reported",
        id="pub-as-previously-reported",
    ),
    pytest.param(
        'The two companies are in advanced talks over a merger worth about $12 billion, Bloomberg News reported on Tuesday, citing two people briefed on the talks.',
        "publication", "speech-verb-subject", "reported",
        id="pub-trailing-outlet-citing-people",
    ),
    pytest.param(
        'Spending on consultants rose by a third last year, city budget documents show.',
        "named", "document-subject", "show",
        id="named-budget-documents-show",
    ),
    pytest.param(
        'Credit: Jane Doe/Reuters',
        "unattributed", "", "",
        id="unattr-credit-line",
    ),
    pytest.param(
        'The mayor opened the bridge.\nPhotograph: Tom Hale for the Guardian',
        "unattributed", "", "",
        id="unattr-photograph-line",
    ),
    pytest.param(
        'The mayor said the bridge would open.\nTags: housing, council, budget',
        "unattributed", "", "",
        id="unattr-tags-line",
    ),
    pytest.param(
        'The mayor said the bridge would open.\nCategories: Politics, Local news',
        "unattributed", "", "",
        id="unattr-categories-line",
    ),
    pytest.param(
        'The central bank held rates on Thursday.\n(Reporting by Anna Berg; Editing by Tom Hale)',
        "unattributed", "", "",
        id="unattr-reporting-by-in-parentheses",
    ),
    pytest.param(
        'The governor said the bridge would open.\nInformation from The Associated Press was included in this report.',
        "unattributed", "", "",
        id="unattr-wire-note",
    ),
    pytest.param(
        'The governor said the bridge would open.\n**',
        "unattributed", "", "",
        id="unattr-separator-line",
    ),
    pytest.param(
        'The governor said the bridge would open.\n(ABC News: Tom Hale)',
        "unattributed", "", "",
        id="unattr-parenthesised-photo-credit",
    ),
    pytest.param(
        'NAIROBI, Kenya (AP) — Floods swept through the capital on Sunday.',
        "unattributed", "", "",
        id="unattr-after-a-dateline",
    ),
    pytest.param(
        'Two officials were quoted as saying the talks had stalled.',
        "anonymous", "quoted-as-saying", "quoted",
        id="anon-were-quoted-as-saying",
    ),
    pytest.param(
        'The striker was quoted by the Daily Mail as saying he would stay.',
        "publication", "quoted-as-saying", "was quoted by",
        id="pub-quoted-by-outlet-as-saying",
    ),
    pytest.param(
        'One minister was heard to say the plan was dead.',
        "anonymous", "quoted-as-saying", "heard",
        id="anon-was-heard-to-say",
    ),
    pytest.param(
        'Acme declines comment on pending litigation.',
        "named", "declined-to-comment", "declines comment",
        id="named-declines-comment",
    ),
    pytest.param(
        'The ministry did not respond to questions about the contract.',
        "named", "declined-to-comment", "respond to questions",
        id="named-did-not-respond-to-questions",
    ),
    pytest.param(
        "Mayor Ana Ruiz didn't return an email seeking comment.",
        "named", "declined-to-comment", "return an email",
        id="named-didnt-return-an-email",
    ),
    pytest.param(
        'The magazine did not name its source.',
        "publication", "declined-to-comment", "name its source",
        id="pub-did-not-name-its-source",
    ),
    pytest.param(
        'The mayor was mobbed by reporters outside the court but said nothing to them.',
        "named", "declined-to-comment", "said nothing to",
        id="named-said-nothing-to-reporters",
    ),
    pytest.param(
        '"We are going to fight this," said union leader Rosa Diaz. "The company has broken every promise. Our members are angry. They will not be ignored."',
        "named", "quote-continuation", "said",
        id="named-quote-continues-three-sentences-on",
    ),
    pytest.param(
        'The Kyiv Independent reported that Russia had moved troops to the border. It said the buildup began last week.',
        "publication", "speech-verb-subject", "said",
        id="pub-it-said-is-the-outlet-not-the-country",
    ),
    pytest.param(
        'Reuters said Germany had approved the sale. It said the deal was worth $2 billion.',
        "publication", "speech-verb-subject", "said",
        id="pub-it-said-skips-the-country-in-the-report",
    ),
    pytest.param(
        '"They\'re done," an insider dished.',
        "anonymous", "speech-verb-subject", "dished",
        id="anon-an-insider-dished",
    ),
    pytest.param(
        'A pal of the singer told The Sun: "She is heartbroken."',
        "anonymous", "speech-verb-subject", "told",
        id="anon-a-pal-told-the-sun",
    ),
    pytest.param(
        'Acme Corp. today announced the acquisition of Beta Ltd., a maker of industrial sensors.',
        "named", "speech-verb-subject", "announced",
        id="named-press-release-announced",
    ),
    pytest.param(
        'Izvestia writes that the Kremlin is preparing a reshuffle.',
        "publication", "speech-verb-subject", "writes",
        id="pub-relay-writes-that",
    ),
    pytest.param(
        "A source told The Sun: 'This is a very sad situation.\n'It was well known among their friends that they would split.",
        "anonymous", "quote-continuation", "told",
        id="anon-british-single-quote-continues",
    ),
    pytest.param(
        "And now it has been reported that the couple had been 'living separate lives for years'.",
        "unattributed", "agentless", "has been reported",
        id="unattr-reporter-sentence-quoting-a-fragment",
    ),
    pytest.param(
        'The Hokkaido Shimbun reported on Friday that the plant would close. Reports suggested that 400 jobs would go.',
        "publication", "document-subject", "suggested",
        id="pub-reports-suggested-is-coverage",
    ),
    pytest.param(
        'A recent report found that civilian deaths rose sharply.',
        "anonymous", "document-subject", "found",
        id="anon-a-recent-report-found-stays-a-document",
    ),
    pytest.param(
        "The club pushed back on claims that the manager had been sacked.",
        "named", "statement-noun", "pushed", id="named-pushed-back-on-claims-that",
    ),
    pytest.param(
        "The Treasury poured cold water on suggestions that taxes would rise.",
        "named", "statement-noun", "poured", id="named-poured-cold-water-on-suggestions-that",
    ),
    pytest.param(
        "Police are investigating claims that the striker was assaulted outside a nightclub.",
        "unattributed", "", "", id="unattr-investigating-claims-is-an-act",
    ),
    pytest.param(
        "Health officials have tied the outbreak to a salad supplier.",
        "anonymous", "speech-verb-subject", "tied", id="anon-officials-tied-x-to-y",
    ),
    pytest.param(
        "Research has long linked poor sleep to heart disease.",
        "anonymous", "document-subject", "linked", id="anon-research-linked-x-to-y",
    ),
    pytest.param(
        "The FBI director chastised the senator for her use of a private server.",
        "named", "speech-verb-subject", "chastised", id="named-chastised-for",
    ),
    pytest.param(
        "An officer asked the driver to step out of the car.",
        "unattributed", "", "", id="unattr-asked-to-is-a-request",
    ),
    pytest.param(
        '"Where is the money?" the mayor asked.',
        "named", "speech-verb-subject", "asked", id="named-asked-with-a-quotation",
    ),
    pytest.param(
        "She realized that her phone was missing.",
        "unattributed", "", "", id="unattr-factive-realized",
    ),
    pytest.param(
        "A neighbour, who did not want to be named, said she heard shouting. The couple moved in last year. "
        "The neighbour said the couple had argued.",
        "anonymous", "speech-verb-subject", "said", id="anon-the-neighbour-refers-back-to-an-unnamed-one",
    ),
    pytest.param(
        "A federal judge heard the case on Monday. The judge said the law was unconstitutional.",
        "named", "speech-verb-subject", "said", id="named-the-judge-is-an-office",
    ),
    pytest.param(
        "Her spokespeople said the singer would make no further comment.",
        "named", "speech-verb-subject", "said", id="named-her-spokespeople",
    ),
    pytest.param(
        "Floodwaters reached the roofs of houses, an AFP photographer at the scene said.",
        "publication", "speech-verb-subject", "said", id="pub-an-outlets-photographer",
    ),
    pytest.param(
        "Chief Whip to Cabinet: We need a deal by Friday",
        "named", "colon-speaker", ":", id="named-british-headline-x-to-y-colon",
    ),
    pytest.param(
        "Broadcaster NRK reported that the ferry had run aground.",
        "publication", "speech-verb-subject", "reported", id="pub-broadcaster-x-the-lexicon-lacks",
    ),
    pytest.param(
        "Public broadcaster RTVS said the minister had resigned.",
        "publication", "speech-verb-subject", "said", id="pub-public-broadcaster-x",
    ),
    pytest.param(
        "As reported by the Turkish daily Hurriyet, the minister will visit Baku next week.",
        "publication", "passive-by-agent", "reported by", id="pub-the-daily-x-beats-a-person-tag",
    ),
    pytest.param(
        "Apple bought the startup earlier this year, Dutch-language blog iCulture reports.",
        "publication", "speech-verb-subject", "reports", id="pub-blog-x-trailing",
    ),
    pytest.param(
        "Lakeside Community Radio (LCR) said the festival was cancelled. LCR added that refunds would be issued.",
        "publication", "speech-verb-subject", "added", id="pub-parenthesised-alias-of-an-outlet",
    ),
    pytest.param(
        "The suspect drove toward the dam, according to charging documents.",
        "named", "according-to", "according to", id="named-charging-documents-are-a-record-of-the-case",
    ),
    pytest.param(
        "Court records show the landlord was fined twice.",
        "named", "document-subject", "show", id="named-court-records-show",
    ),
    pytest.param(
        "A report on Tuesday claims the carmaker has bought a battery startup.",
        "publication", "document-subject", "claims", id="pub-a-report-on-tuesday-claims-is-coverage",
    ),
    pytest.param(
        "MH17: the knowns and unknowns thus far",
        "unattributed", "", "", id="unattr-topic-colon-verbless-title",
    ),
    pytest.param(
        "What the Herald reported",
        "unattributed", "", "", id="unattr-free-relative-heading",
    ),
    pytest.param(
        "The man fled out the side door around 10:20 a.m. Thursday, according to a report from the Lancaster Police Department.",
        "named", "according-to", "according to", id="named-clock-time-before-a-weekday-ends-no-sentence",
    ),
    pytest.param(
        "The family settled in Kingston St. Mary last spring, a council spokeswoman said.",
        "named", "speech-verb-subject", "said", id="named-st-abbreviation-ends-no-sentence",
    ),
    pytest.param(
        "The Hindu reported the bid on Monday. The daily earlier said the brothers would open the bidding this week.",
        "publication", "speech-verb-subject", "said", id="pub-the-daily-read-as-an-adjective",
    ),
]
