"""Short articles of our own, one per register of news, with what LABELS.md ("Anonymity") requires.

Each case is (id, article, expectations); an expectation is (marker, reason, basis):
`marker` is words inside an anonymous sentence, and `reason`/`basis` say whether the
article states, for that sentence's source, why anonymity was granted and how the
source knows. Hard negatives are here on purpose: an affiliation alone is no basis,
a vague collective of opinion and a study are not people granted anonymity (both
flags False), "another source" is a new source, and a reason in a later sentence
belongs to the source it is about. Used by tests/test_register_cases.py and by
benchmarks/register_probe.py (the probe figures).
"""

from __future__ import annotations

Expectation = tuple[str, bool, bool]
CASES: list[tuple[str, str, list[Expectation]]] = [
    (
        "wire-not-authorized",
        "BRUSSELS (AP) — European Union ministers will delay a vote on the fishing quota until March, two diplomats "
        "said Monday. The diplomats spoke on condition of anonymity because they were not authorized to discuss the "
        "closed-door talks.\n\nThe quota has divided northern and southern members for years.",
        [("two diplomats said Monday", True, False)],
    ),
    (
        "wire-who-was-not-authorized",
        "The Pentagon is preparing to send a second carrier to the region, a U.S. official said on Thursday. The "
        "official, who was not authorized to speak publicly about troop movements, said the order could come within "
        "days.",
        [("a U.S. official said on Thursday", True, False), ("The official, who was not authorized", True, False)],
    ),
    (
        "nyt-familiar-requested-anonymity",
        "The White House is weighing a pause in the tariff increases, according to three people familiar with the "
        "matter, who requested anonymity to describe private deliberations.\n\nA final decision is not expected "
        "before the summit.",
        [("according to three people familiar", True, True)],
    ),
    (
        "wapo-later-sentence-they",
        "Senate leaders have agreed to hold the vote on Friday, two congressional aides said. They spoke on the "
        "condition of anonymity to discuss internal planning.\n\nThe majority leader's office declined to comment.",
        [("two congressional aides said", True, False)],
    ),
    (
        "business-briefed-not-authorised",
        "Northwind Holdings is in advanced talks to buy the grocery chain Fresco for about $2 billion, a person briefed "
        "on the plans said, asking not to be identified because the talks were private.\n\nAn announcement could come "
        "as soon as next week, the person said.",
        [("a person briefed on the plans", True, True), ("as soon as next week, the person said", True, True)],
    ),
    (
        "business-knowledge-of-the-deal",
        "The bank has hired advisers to sell its insurance arm, people with knowledge of the deal said. The people "
        "asked not to be named because the process is confidential.",
        [("people with knowledge of the deal said", True, True)],
    ),
    (
        "business-direct-knowledge-declined",
        "Talks between the carmaker and the union broke down late on Tuesday, according to a source with direct "
        "knowledge of the negotiations, who declined to be named.",
        [("according to a source with direct knowledge", True, True)],
    ),
    (
        "uk-tabloid-close-to-star",
        'The singer has quietly split from her fiance after two years, a source close to the star said.\n\n"They '
        'have been living separate lives for months," the source added.',
        [("a source close to the star said", False, True), ("the source added", False, True)],
    ),
    (
        "uk-palace-insider-affiliation",
        'The prince is said to be furious about the leaked letters. A palace insider said: "He feels betrayed by '
        'people he trusted."',
        [("A palace insider said", False, False)],
    ),
    (
        "uk-government-source-affiliation",
        "Ministers will scrap the planned tax rise, a government source said last night.",
        [("a government source said", False, False)],
    ),
    (
        "uk-whitehall-not-authorised",
        "The review of the rail franchise will be shelved, a Whitehall official said. The official, who was not "
        "authorised to speak on the record, said ministers had lost confidence in the plan.",
        [("a Whitehall official said", True, False)],
    ),
    (
        "local-neighbour-asked-not-named",
        "Police were called to a house on Elm Road shortly after midnight. A neighbour who asked not to be named said "
        "she heard shouting and then a loud bang.",
        [("A neighbour who asked not to be named", True, True)],
    ),
    (
        "local-witness",
        'The van mounted the kerb and hit a bus shelter, a witness said. "It just didn\'t stop," she said.',
        [("a witness said", False, True)],
    ),
    (
        "local-residents-collective",
        'Residents say the junction has been dangerous for years. "Somebody was always going to get hurt," said '
        "Margaret Dunn, who has lived on the street since 1988.",
        # residents speak from living there (LABELS.md: a neighbour who heard it); nobody was granted anonymity
        [("Residents say the junction", False, True)],
    ),
    (
        "sports-league-sources",
        "The Hawks are close to trading their star guard to Denver, league sources said Wednesday.\n\nThe deal would "
        "include two first-round picks, according to a person with knowledge of the talks who was not authorized to "
        "discuss them publicly.",
        [
            ("league sources said Wednesday", False, False),
            ("according to a person with knowledge of the talks", True, True),
        ],
    ),
    (
        "sports-granted-anonymity",
        "The club has fired its manager after a run of six defeats, a team official said. The official was granted "
        "anonymity because the club has not announced the move.",
        [("a team official said", True, False)],
    ),
    (
        "health-study-document",
        "A new study found that people who walk after meals have lower blood sugar. The research, published in a "
        "medical journal, followed 3,000 adults for a decade.",
        [("A new study found", False, False)],
    ),
    (
        "health-hospital-official",
        "The hospital delayed dozens of operations last week because of a staff shortage, according to a senior "
        "doctor at the trust who spoke on condition of anonymity for fear of reprisals.",
        [("according to a senior doctor at the trust", True, False)],
    ),
    (
        "science-reviewers-collective",
        "Critics say the trial was too small to draw conclusions. Campaigners say the drug should never have been "
        "approved.",
        [("Critics say the trial", False, False), ("Campaigners say the drug", False, False)],
    ),
    (
        "courts-person-familiar",
        "Prosecutors are expected to file new charges against the former mayor as soon as this week, according to a "
        "person familiar with the investigation. The person spoke on the condition of anonymity because the grand "
        "jury proceedings are secret.",
        [("according to a person familiar with the investigation", True, True)],
    ),
    (
        "courts-another-source-new",
        "The judge will step aside from the case, a court official said, declining to be named. Another source said "
        "the decision had been made on Monday.",
        [("a court official said", True, False), ("Another source said", False, False)],
    ),
    (
        "tech-employees-not-authorized",
        "The company plans to cut about 10 percent of its workforce, according to two employees who were told of the "
        "plan in a meeting. They asked not to be identified because they were not authorized to speak to the press.",
        [("according to two employees who were told", True, True)],
    ),
    (
        "tech-people-briefed",
        "The phone maker has shelved its plan for a folding device, three people briefed on the decision told "
        "Reuters.\n\nThe people spoke on condition of anonymity because the matter is confidential.",
        [("three people briefed on the decision told Reuters", True, True)],
    ),
    (
        "npr-official-later-covers",
        "A U.S. official told NPR the shipment had already left. The U.S. official, who wasn't authorized to speak "
        "publicly, said a second one would follow.",
        [("A U.S. official told NPR", True, False), ("The U.S. official, who wasn't authorized", True, False)],
    ),
    (
        "bbc-eyewitness",
        "An eyewitness told the BBC that soldiers had opened fire on the crowd. A second eyewitness said he saw at "
        "least four bodies.",
        [("An eyewitness told the BBC", False, True), ("A second eyewitness said", False, True)],
    ),
    (
        "reason-tied-to-right-source",
        "A senior diplomat said the talks would resume in Geneva. A Western official said no date had been set. The "
        "official spoke on condition of anonymity to discuss the sensitive negotiations.",
        [("A senior diplomat said", False, False), ("A Western official said", True, False)],
    ),
    (
        "participant-basis",
        "The board voted to remove the chief executive at an emergency meeting on Sunday, according to a person who "
        "attended the meeting and asked not to be identified.",
        [("according to a person who attended the meeting", True, True)],
    ),
    (
        "fear-of-reprisal-worker",
        "Conditions at the warehouse have worsened since the summer, said a worker at the site who asked that her "
        "name be withheld for fear of losing her job.",
        [("said a worker at the site", True, False)],
    ),  # where she works says who, not how she knows
    (
        "officials-said-no-reason",
        "Flooding has cut off three villages in the north, local officials said on Sunday.",
        [("local officials said on Sunday", False, False)],
    ),
    (
        "privy-to-talks-insisted",
        "Both sides have agreed on the outline of a deal, said one source privy to the talks, who insisted on "
        "anonymity.",
        [("said one source privy to the talks", True, True)],
    ),
    # -- batch 2: inverted cues, pronouns, partitives, anonymity verbs and bases in other words
    (
        "wire-inverted-cue",
        "The ceasefire talks have stalled over the prisoner list, said the official, a senior Egyptian diplomat who "
        "spoke on the condition of anonymity to discuss the sensitive negotiations.",
        [("said the official, a senior Egyptian diplomat", True, False)],
    ),
    (
        "wire-speaking-anonymously",
        "Rebels have taken the airport, a military officer said, speaking anonymously because he was not allowed to "
        "brief journalists.",
        [("a military officer said", True, False)],
    ),
    (
        "wire-pronoun-she-later",
        "A nurse at the clinic said the generators ran out of fuel on Saturday. She spoke on condition that she not "
        "be named because she feared retaliation.",
        [("A nurse at the clinic said", True, False)],
    ),
    (
        "wire-asked-that-name-not-be-used",
        "A farmer in the village said soldiers had taken his cattle. He asked that his name not be used.",
        [("A farmer in the village said", True, False)],
    ),
    (
        "nyt-partitive-one-of-people",
        "The mayor has told allies he will not seek a third term, according to four people with knowledge of his "
        "plans. One of the people, who like the others spoke on the condition of anonymity, said he had made up his "
        "mind in the spring.",
        [
            ("according to four people with knowledge", True, True),
            ("One of the people, who like the others", True, True),
        ],
    ),
    (
        "nyt-thinking-insisted",
        "The governor has privately ruled out a run for the Senate, said a person familiar with his thinking, who "
        "insisted on anonymity to discuss private conversations.",
        [("said a person familiar with his thinking", True, True)],
    ),
    (
        "wapo-documents-reviewed",
        "The agency spent $4 million on the unused software, according to internal documents reviewed by The "
        "Washington Post.",
        [("according to internal documents reviewed", False, False)],
    ),
    (
        "politics-involved-in-the-talks",
        "The two parties are close to a coalition deal, an official involved in the talks said. Both sides want an "
        "agreement before Christmas, a second official said. Both were granted anonymity because the talks are "
        "continuing.",
        [("an official involved in the talks said", True, True), ("a second official said", True, False)],
    ),
    (
        "politics-aide-candidly",
        "A senior Republican aide, who requested anonymity to speak candidly, said the bill lacked the votes.",
        [("A senior Republican aide, who requested anonymity", True, False)],
    ),
    (
        "politics-not-permitted",
        "The inspector general has opened an inquiry into the contract, according to an official who is not permitted "
        "to talk to reporters.",
        [("according to an official who is not permitted", True, False)],
    ),
    (
        "courts-juror",
        "A juror, who asked not to be identified, said the panel had been split for two days before reaching a "
        "verdict.",
        [("A juror, who asked not to be identified", True, True)],
    ),
    (
        "local-passenger-saw",
        "A passenger on the train said the carriage filled with smoke within seconds. A driver who saw the crash said "
        "the lorry had jumped the lights.",
        [("A passenger on the train said", False, True), ("A driver who saw the crash said", False, True)],
    ),
    (
        "local-police-source",
        "Detectives believe the victim knew her attacker, a police source said.",
        [("a police source said", False, False)],
    ),
    (
        "business-close-to-company",
        "The airline will announce the order for 50 jets at the air show, a person close to the company said.",
        [("a person close to the company said", False, True)],
    ),
    (
        "business-seen-the-draft",
        "The merger terms value the shares at a 30 percent premium, said a person who has seen the draft agreement "
        "but was not authorised to disclose it.",
        [("said a person who has seen the draft", True, True)],
    ),
    (
        "business-analysts-collective",
        "Analysts say the chipmaker's forecast was too cautious. Investors have been expecting stronger growth.",
        [("Analysts say the chipmaker", False, False)],
    ),
    (
        "sports-club-insider",
        'The striker wants to leave in January, a club insider said. "He has made that clear to everyone," the '
        "insider added.",
        [("a club insider said", False, False), ("the insider added", False, False)],
    ),
    (
        "sports-people-close-to-negotiations",
        "The contract is worth about $40 million over four years, according to people close to the negotiations, who "
        "were not authorized to discuss the terms publicly.",
        [("according to people close to the negotiations", True, True)],
    ),
    (
        "health-survey-document",
        "A survey by the nurses' union found that two in three staff had considered quitting. Experts say the "
        "figures are alarming.",
        [("A survey by the nurses' union found", False, False), ("Experts say the figures", False, False)],
    ),
    (
        "tech-former-employee-affiliation",
        "The company ignored warnings about the flaw for months, a former employee said. A second former employee, "
        "who worked on the security team and asked not to be named, said managers had been told in March.",
        [
            ("a former employee said", False, False),
            ("A second former employee, who worked on the security team", True, True),
        ],
    ),
    (
        "tech-person-in-the-room",
        "The chief executive told staff the unit would be sold, according to a person in the room, who requested "
        "anonymity because the meeting was private.",
        [("according to a person in the room", True, True)],
    ),
    (
        "uk-sources-in-ministry-another",
        "A source in the ministry said the budget would be cut. Another source, who was at the cabinet meeting, said "
        "no decision had been taken.",
        [
            ("A source in the ministry said", False, False),
            ("Another source, who was at the cabinet meeting", False, True),
        ],
    ),
    # -- batch 3: the reason sentence names its source; bloomberg and tabloid forms; briefing is no basis
    (
        "reason-names-the-earlier-source",
        "An aide to the senator said the vote would slip to June. A lobbyist for the industry said the delay was "
        "welcome. The aide requested anonymity because the schedule has not been announced.",
        [("An aide to the senator said", True, False), ("A lobbyist for the industry said", False, False)],
    ),
    (
        "neither-was-authorized",
        "Two officials described the plan to move the embassy. A third official said the cost had not been "
        "settled.\n\nTwo aides described the same plan. Neither was authorized to discuss it publicly.",
        [("Two officials described", False, False), ("Two aides described", True, False)],
    ),
    (
        "bloomberg-requesting-anonymity",
        "The fund is raising $5 billion for its next buyout pool, a person familiar with the matter said on Friday, "
        "requesting anonymity as the information isn't public.",
        [("a person familiar with the matter said on Friday", True, True)],
    ),
    (
        "bloomberg-said-the-people",
        "The insurer is considering a bid for its smaller rival, according to people familiar with the situation. "
        "Deliberations are at an early stage and may not lead to an offer, said the people, who asked not to be "
        "identified as the matter is private.",
        [
            ("according to people familiar with the situation", True, True),
            ("said the people, who asked not to be identified", True, True),
        ],
    ),
    (
        "briefing-officials-no-basis",
        "The president will announce new sanctions on Monday, a senior administration official told reporters on a "
        "call, speaking on condition of anonymity under rules set by the White House.",
        [("a senior administration official told reporters", True, False)],
    ),
    (
        "intelligence-officials-classified",
        "Intelligence officials, speaking on condition of anonymity to discuss classified assessments, said the "
        "missile had been launched from a mobile platform.",
        [("Intelligence officials, speaking on condition", True, False)],
    ),
    (
        "tabloid-told-the-sun",
        'A source told The Sun: "The pair are desperate to keep the wedding a secret."',
        [("A source told The Sun", False, False)],
    ),
    (
        "tabloid-friend-of-couple",
        "A friend of the couple said they had been arguing for weeks. A relative, who did not want to be named, said "
        'the family was "heartbroken".',
        [("A friend of the couple said", False, True), ("A relative, who did not want to be named", True, True)],
    ),
    (
        "people-who-know-him",
        "People who know him say the coach has never been more determined.",
        [("People who know him say", False, True)],
    ),
    (
        "security-sources-affiliation",
        "Two suspects were arrested near the border overnight, security sources said.",
        [("security sources said", False, False)],
    ),
    (
        "local-mother-on-estate",
        "A mother of two who lives on the estate said the lifts had been broken since March.",
        [("A mother of two who lives on the estate", False, True)],
    ),
    (
        "aide-in-the-meeting",
        "The president lost his temper when the figures were read out, an aide who was in the meeting said.",
        [("an aide who was in the meeting said", False, True)],
    ),
    (
        "rival-executive-no-basis",
        "The price cut will not last, said one executive at a rival firm.",
        [("said one executive at a rival firm", False, False)],
    ),
    (
        "diplomat-named-between",
        "A European diplomat said the sanctions package would be approved on Friday. Ambassador Laura Chen said her "
        "country still had reservations. The diplomat asked not to be named because the talks are continuing.",
        [("A European diplomat said", True, False)],
    ),
    # -- batch 4: outside politics, again
    (
        "crime-cannot-be-named",
        "The suspect had been released on bail only a week earlier, a senior police officer, who cannot be named "
        "for legal reasons, said.",
        [("a senior police officer, who cannot be named", True, False)],
    ),
    (
        "crime-shopkeeper-saw",
        "A shopkeeper who saw the attack said the men fled on mopeds.",
        [("A shopkeeper who saw the attack said", False, True)],
    ),
    (
        "crime-law-enforcement-briefed",
        "The gunman had posted threats online days before the shooting, according to a law enforcement official "
        "briefed on the investigation.",
        [("according to a law enforcement official briefed", False, True)],
    ),
    (
        "tv-sources-told-cnn",
        "Investigators have recovered the flight recorder, two sources with knowledge of the investigation told CNN.",
        [("two sources with knowledge of the investigation told CNN", False, True)],
    ),
    (
        "sports-close-to-player-later-reason",
        "The midfielder has rejected a new contract, a source close to the player said. The source, who is not "
        "authorised to speak to the media, said he wanted to play in Spain.",
        [("a source close to the player said", True, True), ("The source, who is not authorised", True, True)],
    ),
    (
        "sports-speaking-on-condition-player",
        "Speaking on condition of anonymity, one player said the squad had lost faith in the coach.",
        [("one player said the squad", True, False)],
    ),
    (
        "science-embargo",
        "The vaccine cut infections by half in the trial, a scientist involved in the trial said, asking not to be "
        "named because the results are under embargo.",
        [("a scientist involved in the trial said", True, True)],
    ),
    (
        "health-hospital-source",
        "Three patients were moved to intensive care overnight, according to a hospital source.",
        [("according to a hospital source", False, False)],
    ),
    (
        "tech-familiar-told-blog",
        "The company will unveil a cheaper headset in the spring, a source familiar with its plans told the blog "
        "9to5Mac.",
        [("a source familiar with its plans told", False, True)],
    ),
    (
        "education-teacher-declined",
        "Pupils were sent home at lunchtime after the heating failed, said a teacher at the school, who did not wish "
        "to be identified.",
        [("said a teacher at the school", True, False)],
    ),
    (
        "shop-worker-declined-name",
        "The store will close in January, a manager at the branch said, declining to give her name.",
        [("a manager at the branch said", True, False)],
    ),
    (
        "people-spoken-with-singer",
        "The singer is recovering at home, according to a person who has spoken with her this week.",
        [("according to a person who has spoken with her", False, True)],
    ),
    # -- batch 5: reasons far from the mention, other grant wordings
    (
        "wire-reason-after-named-quotes",
        "The airline will ground its oldest jets from next month, according to two people familiar with the plan.\n\n"
        '"Safety comes first," said Tom Reyes, the union\'s president. "We have warned about those planes for '
        'years."\n\nThe transport minister, Ana Silva, said the government would review the schedule. She '
        "declined to say when.\n\nThe people spoke on condition of anonymity because the plan has not been "
        "announced.",
        [("according to two people familiar with the plan", True, True)],
    ),
    (
        "declined-on-the-record",
        "The ministry knew about the leak in May, an official said. A second official, who declined to speak on the "
        "record, said the report had been buried.",
        [("an official said", False, False), ("A second official, who declined to speak", True, False)],
    ),
    (
        "condition-that-he-not-be-identified",
        "The talks collapsed over the border question, a negotiator said on the condition that he not be identified.",
        [("a negotiator said on the condition", True, False)],
    ),
    (
        "granted-anonymity-to-speak-freely",
        "The coach has lost the dressing room, one veteran said. He was granted anonymity to speak freely about his "
        "teammates.",
        [("one veteran said", True, False)],
    ),
    (
        "sought-anonymity",
        "A lawyer who sought anonymity because she still represents clients before the court said the judge was "
        "biased.",
        [("A lawyer who sought anonymity", True, False)],
    ),
    (
        "helped-organise",
        "Organisers expected about 5,000 people, said a volunteer who helped organise the march, who asked not to be "
        "named.",
        [("said a volunteer who helped organise the march", True, True)],
    ),
    # -- batch 6: merging and new sources
    (
        "another-person-familiar-new",
        "The studio has shelved the sequel, a person familiar with the project said. Another person familiar with "
        "the project said the budget had doubled. Both asked not to be named because the decision is not public.",
        [
            ("a person familiar with the project said", True, True),
            ("Another person familiar with the project said", True, True),
        ],
    ),
    (
        "a-second-person-new-no-reason",
        "The retailer will cut 200 jobs, a person briefed on the plan said, asking not to be named. A second person "
        "said stores in the north would be hit hardest.",
        [("a person briefed on the plan said", True, True), ("A second person said", False, False)],
    ),
    (
        "the-sources-merge",
        "Regulators are preparing to fine the bank, according to sources familiar with the inquiry. The sources, who "
        "were not authorized to speak publicly, said the penalty could exceed $1 billion.",
        [
            ("according to sources familiar with the inquiry", True, True),
            ("The sources, who were not authorized", True, True),
        ],
    ),
    (
        "the-person-merge-later",
        "The chain is close to a sale, according to a person with knowledge of the talks. A deal could be signed "
        "next week, the person said. The person asked not to be identified because the talks are private.",
        [("according to a person with knowledge of the talks", True, True), ("next week, the person said", True, True)],
    ),
    (
        "tabloid-insider-merge-no-basis",
        'An insider said the couple had been living apart since the summer. "They barely speak," the insider said.',
        [("An insider said the couple", False, False), ("the insider said", False, False)],
    ),
    (
        "the-official-later-after-other",
        "A senior EU official said the deal was dead. A diplomat from a member state said talks would continue. The "
        "official, who was not authorised to brief the media, added that the summit would be cancelled.",
        [("A senior EU official said", True, False), ("A diplomat from a member state said", False, False)],
    ),
    # -- batch 7: celebrity, emergency and workplace bases
    (
        "celebrity-close-to-family-told-mail",
        "The actor has checked into a clinic, a person close to the family told the Daily Mail.",
        [("a person close to the family told", False, True)],
    ),
    (
        "celebrity-friend-told-magazine",
        '"She is happier than she has been in years," a friend told Us Weekly.',
        [("a friend told Us Weekly", False, True)],
    ),
    (
        "kremlin-source-affiliation",
        "The envoy will be replaced before the summit, a Kremlin source said.",
        [("a Kremlin source said", False, False)],
    ),
    (
        "someone-who-was-there",
        "The minister stormed out before the vote, according to someone who was there.",
        [("according to someone who was there", False, True)],
    ),
    (
        "person-who-knows-family",
        "The boy had been missing school for weeks, said a person who knows the family.",
        [("said a person who knows the family", False, True)],
    ),
    (
        "doctor-who-treated",
        "Most of the injured had burns to their hands and faces, a doctor who treated the victims said.",
        [("a doctor who treated the victims said", False, True)],
    ),
    (
        "firefighter-at-scene-not-authorised",
        "The fire started in a kitchen on the third floor, a firefighter who was at the scene said. He was not "
        "authorised to speak to the media.",
        [("a firefighter who was at the scene said", True, True)],
    ),
    (
        "employee-who-witnessed",
        "The manager shouted at staff in front of customers, an employee who witnessed the incident said.",
        [("an employee who witnessed the incident said", False, True)],
    ),
    (
        "attendee-said",
        "The speech was interrupted three times by protesters, one attendee said.",
        [("one attendee said", False, True)],
    ),
]
