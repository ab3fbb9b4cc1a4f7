"""The seed of the criteria library, as plain data.

The clause texts are our own wording (Swedish, because they go into Swedish procurement documents), modelled
on the structure of Upphandlingsmyndigheten's national model (domain.md §3.1) but not copied from it. A
procurement lawyer must approve them before real use; administrators then keep them in the library pages.

`load_criteria()` adds the rows that are missing and never touches one that exists, so an administrator's
edits survive every run of the demo; migration 0003_criteria creates the same rows in a fresh database.
"""

from insteg.procurement.models import (
    Criterion,
    LegalInstrument,
    Level,
    RequirementKind,
    SocialObjective,
    Theme,
)
from insteg.rules.models import ContractType

GOODS, SERVICES, WORKS, SOCIAL = (
    ContractType.GOODS,
    ContractType.SERVICES,
    ContractType.WORKS,
    ContractType.SOCIAL_SERVICES,
)
LABOUR_INTENSIVE = (SERVICES, WORKS, SOCIAL)

CRITERIA = [
    # --- Fair trade ------------------------------------------------------------------------------------------
    {
        "code": "fair-trade-coffee-tea-cocoa",
        "title_sv": "Rättvist handlat kaffe, te och kakao",
        "title_en": "Fairly traded coffee, tea and cocoa",
        "theme": Theme.FAIR_TRADE,
        "social_objective": SocialObjective.HUMAN_RIGHTS,
        "sustainability_goal": "social.humanRightsInSupplyChains",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.TECHNICAL_SPECIFICATION,
        "lou_reference": "9 kap. LOU",
        "text_sv": (
            "Kaffe, te och kakao som levereras enligt avtalet ska vara producerade och handlade enligt kriterier "
            "för rättvis handel som motsvarar kraven för Fairtrade-märkningen eller likvärdiga krav. Kriterierna "
            "ska minst omfatta ett garanterat minimipris eller motsvarande ersättning till producenten, en premie "
            "för gemensamma investeringar i producentledet, långsiktiga handelsrelationer och produktion med "
            "respekt för ILO:s kärnkonventioner. Fairtrade-märkning eller ett likvärdigt märke godtas som bevis, "
            "liksom annan lämplig utredning som visar att kraven är uppfyllda."
        ),
        "guidance_sv": (
            "Använd när upphandlingen omfattar kaffe, te eller kakao, som varor eller som del av en tjänst "
            "(måltider, automater, konferenser). Kravet gäller produkterna själva och har därför koppling till "
            "kontraktsföremålet. Hänvisa aldrig till ett enda märke utan att godta likvärdiga märken och annan "
            "lämplig utredning. Utbudet av rättvist handlat kaffe och te är stort, så kravet är proportionerligt "
            "även i små upphandlingar; kontrollera utbudet för kakaoprodukter i en marknadsdialog."
        ),
        "guidance_en": (
            "Use when the procurement includes coffee, tea or cocoa, as goods or as part of a service (meals, "
            "vending machines, conferences). The requirement concerns the products themselves and so is linked to "
            "the subject matter. Never refer to a single label without accepting equivalent labels and other "
            "appropriate evidence. Fairly traded coffee and tea are widely available, so the requirement is "
            "proportionate even in small procurements; check the supply of cocoa products in a market dialogue."
        ),
        "verification_sv": (
            "I anbudet anger leverantören vilka produkter som uppfyller kravet och med vilket märke eller annat "
            "bevis. Under avtalstiden gör beställaren stickprov på leveranser och fakturor och begär produktblad, "
            "certifikatnummer eller tredjepartsintyg."
        ),
        "verification_en": (
            "In the tender the supplier names the products that meet the requirement and the label or other "
            "evidence. During the contract the buyer spot-checks deliveries and invoices and asks for product "
            "sheets, certificate numbers or third-party statements."
        ),
        "suits": (GOODS, SERVICES),
    },
    {
        "code": "fair-trade-bananas-tropical-fruit",
        "title_sv": "Rättvist handlade bananer och tropisk frukt",
        "title_en": "Fairly traded bananas and tropical fruit",
        "theme": Theme.FAIR_TRADE,
        "social_objective": SocialObjective.HUMAN_RIGHTS,
        "sustainability_goal": "social.humanRightsInSupplyChains",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.TECHNICAL_SPECIFICATION,
        "lou_reference": "9 kap. LOU",
        "text_sv": (
            "Bananer som levereras enligt avtalet ska vara producerade och handlade enligt kriterier för rättvis "
            "handel som motsvarar kraven för Fairtrade-märkningen eller likvärdiga krav. Leverantören ska även ha "
            "rättvist handlade alternativ till ananas, mango och annan tropisk frukt i sitt sortiment för avtalet "
            "när sådana finns på marknaden, och märka dem tydligt i produktkatalogen. Fairtrade-märkning eller ett "
            "likvärdigt märke godtas som bevis, liksom annan lämplig utredning som visar att kraven är uppfyllda."
        ),
        "guidance_sv": (
            "Passar livsmedelsupphandlingar till skolor, förskolor och äldreomsorg. Bananer är en av de varor där "
            "riskerna för arbetstagare i odlingsledet är väl kända, vilket motiverar kravet. Godta alltid "
            "likvärdiga märken och annan lämplig utredning. Säsong och ursprung påverkar utbudet av annan tropisk "
            "frukt; därför är kravet där formulerat som ett sortimentskrav och inte som ett krav på alla "
            "leveranser. Stäm av priskonsekvensen i en marknadsdialog innan kravet ställs."
        ),
        "guidance_en": (
            "Suits food procurements for schools, preschools and elderly care. Bananas are a product where the "
            "risks to plantation workers are well documented, which justifies the requirement. Always accept "
            "equivalent labels and other appropriate evidence. Season and origin affect the supply of other "
            "tropical fruit, so there the requirement is about the range offered rather than every delivery. Check "
            "the effect on prices in a market dialogue before setting it."
        ),
        "verification_sv": (
            "Leverantören redovisar i anbudet de artiklar som uppfyller kravet med bevis. Beställaren följer upp "
            "genom inköpsstatistik per artikel och stickprov på leveranser minst en gång per år."
        ),
        "verification_en": (
            "In the tender the supplier lists the items that meet the requirement, with evidence. The buyer "
            "follows up with purchase statistics per item and spot checks of deliveries at least once a year."
        ),
        "suits": (GOODS,),
    },
    # --- Gender equality -------------------------------------------------------------------------------------
    {
        "code": "gender-equality-active-measures",
        "title_sv": "Aktiva åtgärder mot diskriminering och för jämställda löner",
        "title_en": "Active measures against discrimination and for equal pay",
        "theme": Theme.GENDER_EQUALITY,
        "social_objective": SocialObjective.GENDER_EQUALITY,
        "sustainability_goal": "social.genderEquality",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska under avtalstiden, för den personal som utför uppdraget, arbeta med aktiva åtgärder "
            "enligt 3 kap. diskrimineringslagen (2008:567), däribland lönekartläggning och analys av osakliga "
            "skillnader mellan kvinnors och mäns löner, samt ha riktlinjer och rutiner mot trakasserier och "
            "sexuella trakasserier. Leverantören ska på beställarens begäran, inom 30 dagar, redovisa hur arbetet "
            "bedrivs och vilka åtgärder som har vidtagits. Samma villkor ska gälla för underleverantörer som "
            "utför en väsentlig del av uppdraget."
        ),
        "guidance_sv": (
            "Ett grundkrav som passar tjänster och entreprenader där leverantörens personal utför en stor del av "
            "värdet. Villkoret upprepar i huvudsak skyldigheter som redan gäller enligt lag, men gör dem möjliga "
            "att följa upp inom avtalet. Begränsa villkoret till personalen i uppdraget så att kopplingen till "
            "kontraktsföremålet är tydlig. Kravet är proportionerligt i de flesta tjänsteupphandlingar."
        ),
        "guidance_en": (
            "A basic condition for services and works where the supplier's staff deliver much of the value. It "
            "largely restates obligations that already follow from the law, but makes them possible to follow up "
            "under the contract. Keep it to the staff performing the contract so the link to the subject matter is "
            "clear. It is proportionate in most service procurements."
        ),
        "verification_sv": (
            "Beställaren begär vid ett tillfälle per avtalsår leverantörens dokumentation av lönekartläggningen "
            "(utan uppgifter om enskilda) och rutinerna mot trakasserier, och stämmer av dem vid uppföljningsmöte."
        ),
        "verification_en": (
            "Once a contract year the buyer asks for the supplier's documented pay survey (without data on "
            "individuals) and the anti-harassment routines, and discusses them at a follow-up meeting."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    {
        "code": "gender-equality-statistics",
        "title_sv": "Könsuppdelad statistik och jämställd tjänst",
        "title_en": "Gender-disaggregated statistics and a gender-equal service",
        "theme": Theme.GENDER_EQUALITY,
        "social_objective": SocialObjective.GENDER_EQUALITY,
        "sustainability_goal": "social.genderEquality",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska redovisa statistik om de personer som tar del av tjänsten uppdelad på kön och "
            "analysera om tjänsten når och gagnar kvinnor och män, flickor och pojkar på ett likvärdigt sätt. "
            "Redovisningen lämnas en gång per avtalsår och när avtalet upphör. Visar analysen omotiverade "
            "skillnader ska leverantören i samråd med beställaren föreslå och genomföra åtgärder inom ramen för "
            "uppdraget. Statistiken lämnas på gruppnivå, utan personuppgifter."
        ),
        "guidance_sv": (
            "Passar tjänster som riktar sig till invånare, till exempel vård och omsorg, fritidsverksamhet, "
            "arbetsmarknadstjänster och kollektivtrafik. Kopplingen till kontraktsföremålet är tjänsten själv, "
            "inte leverantörens organisation i övrigt. Be bara om statistik som leverantören kan ta fram inom "
            "uppdraget, och se till att grupperna är så stora att ingen enskild kan identifieras."
        ),
        "guidance_en": (
            "Suits services for residents, such as care, leisure activities, employment services and public "
            "transport. The link to the subject matter is the service itself, not the supplier's organisation in "
            "general. Ask only for figures the supplier can produce within the contract, and make sure the groups "
            "are large enough that no individual can be identified."
        ),
        "verification_sv": (
            "Den årliga redovisningen granskas av beställaren och gås igenom vid uppföljningsmöte; åtgärder "
            "som överenskoms protokollförs och följs upp vid nästa redovisning."
        ),
        "verification_en": (
            "The buyer reviews the yearly report and discusses it at a follow-up meeting; agreed measures are "
            "minuted and checked at the next report."
        ),
        "suits": (SERVICES, SOCIAL),
    },
    {
        "code": "gender-equality-award",
        "title_sv": "Mervärde för en jämställdhetsplan i uppdraget",
        "title_en": "Added value for a gender-equality plan in the contract",
        "theme": Theme.GENDER_EQUALITY,
        "social_objective": SocialObjective.GENDER_EQUALITY,
        "sustainability_goal": "social.genderEquality",
        "level": Level.CUTTING_EDGE,
        "legal_instrument": LegalInstrument.AWARD_CRITERION,
        "lou_reference": "16 kap. LOU",
        "text_sv": (
            "Anbud värderas högre om anbudsgivaren lämnar en konkret plan för jämställdhet i uppdragets utförande "
            "med mätbara mål, ansvarig person, åtgärder och tidsplan, till exempel för en jämnare könsfördelning "
            "bland dem som utför uppdraget eller för att tjänsten ska möta kvinnors och mäns behov. Planen blir "
            "en del av avtalet och följs upp enligt avtalets villkor. Värderingen görs enligt den modell och med "
            "det mervärde som anges i upphandlingsdokumenten."
        ),
        "guidance_sv": (
            "Ett tilldelningskriterium ska vara kopplat till kontraktsföremålet och gå att värdera objektivt: "
            "värdera planen för uppdraget, inte företagets allmänna policy. Ange i förväg hur planer poängsätts "
            "och vilket mervärde de ger. Eftersom planen blir ett avtalsvillkor ska den följas upp; avsätt tid "
            "för det. Passar större tjänstekontrakt och entreprenader med lång avtalstid."
        ),
        "guidance_en": (
            "An award criterion must be linked to the subject matter and be objectively assessable: assess the "
            "plan for this contract, not the company's general policy. State in advance how plans are scored and "
            "what added value they give. The plan becomes a contract condition and must be followed up, so set "
            "time aside for it. Suits larger service and works contracts with a long term."
        ),
        "verification_sv": (
            "Planens mål och åtgärder förs in i avtalet. Leverantören redovisar måluppfyllelse en gång per "
            "avtalsår; avvikelser hanteras som avtalsbrott enligt avtalets villkor."
        ),
        "verification_en": (
            "The plan's goals and measures are written into the contract. The supplier reports progress once a "
            "contract year; shortfalls are handled as breaches under the contract's terms."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    # --- Employment opportunities (the national model's three levels, plus internships) --------------------------
    {
        "code": "employment-dialogue",
        "title_sv": "Dialogkrav om praktik och anställning",
        "title_en": "Dialogue requirement on internships and employment",
        "theme": Theme.EMPLOYMENT,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "requirement_kind": RequirementKind.EMPLOYMENT_DIALOGUE,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören åtar sig att under avtalstiden föra en dialog med beställaren om möjligheterna att inom "
            "uppdraget erbjuda praktik, anställning eller annan sysselsättning till personer som står långt från "
            "arbetsmarknaden, i första hand {target_groups}. Ett första möte med kommunens matchningsansvariga "
            "hålls senast en månad efter avtalsstart och därefter minst en gång per avtalsår. Leverantören utser "
            "en kontaktperson för dialogen. Dialogen förpliktar inte leverantören att anställa, men leverantören "
            "ska pröva de möjligheter som tas upp och redovisa utfallet {reporting_frequency}."
        ),
        "guidance_sv": (
            "Grundnivån i den nationella modellen. Använd när ett sifferkrav inte är proportionerligt: kontrakt "
            "under tröskelvärdet, direktupphandlingar, korta avtal eller kontrakt med liten arbetskraftsandel. "
            "Förutsätter att kommunen har en matchningsansvarig som kan ta dialogen. Kravet ger erfarenhet för "
            "både leverantör och kommun och kan leda till platser utan att leverantören binds vid ett antal."
        ),
        "guidance_en": (
            "The basic level of the national model. Use it when a numeric requirement is not proportionate: "
            "contracts below the threshold, direct awards, short contracts or contracts with little labour. It "
            "needs a matching officer at the municipality to hold the dialogue. It builds experience for both "
            "sides and can lead to placements without binding the supplier to a number."
        ),
        "verification_sv": (
            "Beställaren för anteckningar från mötena. Leverantören redovisar antal erbjudna och tillsatta "
            "platser vid varje redovisningstillfälle; ingen personuppgift om enskilda behövs."
        ),
        "verification_en": (
            "The buyer keeps notes of the meetings. The supplier reports the number of places offered and filled "
            "at each reporting date; no personal data about individuals is needed."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    {
        "code": "employment-numeric",
        "title_sv": "Sysselsättningskrav med åtagande i antal",
        "title_en": "Numeric employment requirement",
        "theme": Theme.EMPLOYMENT,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "requirement_kind": RequirementKind.EMPLOYMENT_NUMERIC,
        "lou_reference": "17 kap. 1 § LOU",
        "uhm_criterion_id": "11554",
        "text_sv": (
            "Leverantören åtar sig att under avtalstiden erbjuda sysselsättning inom ramen för uppdraget till "
            "personer i målgruppen {target_groups}. Åtagandet omfattar {slots} placeringar, sammanlagt "
            "motsvarande minst {months_fulltime} månader på heltid, enligt något av följande alternativ: "
            "{alternatives}. En anställning ska vara en tillsvidare- eller visstidsanställning enligt lagen "
            "(1982:80) om anställningsskydd, om inte tillämpligt kollektivavtal medger annat. Arbetsuppgifterna "
            "ska ha samband med uppdraget, och utbildning kan ingå.\n\n"
            "Den första placeringen ska ha påbörjats eller erbjudits senast {first_start_within_months} månader "
            "efter avtalsstart. Rekrytering sker i samverkan med kommunens matchningsansvariga och "
            "Arbetsförmedlingen. Leverantören utser en handledare för varje placering och erbjuds kommunens "
            "handledarutbildning.\n\n"
            "Leverantören rapporterar uppfyllelsen {reporting_frequency} i antal placeringar och fullgjorda "
            "månader, utan andra personuppgifter än dem beställaren begär. Avslutas en placering i förtid av skäl "
            "som leverantören inte råder över anses åtagandet för den placeringen uppfyllt om minst "
            "{early_end_threshold_percent} % av den avtalade tiden har fullgjorts.\n\n"
            "Vid brist i åtagandet utgår, efter skriftlig erinran, vite enligt följande: {penalty_terms}. "
            "Fullgör leverantören mer än åtagandet utgår bonus enligt följande: {bonus_terms}."
        ),
        "guidance_sv": (
            "Den avancerade nivån i den nationella modellen (jämför Upphandlingsmyndighetens kriterium 11554). "
            "Använd i större tjänstekontrakt och entreprenader med en tydlig arbetskraftsdel och en avtalstid som "
            "rymmer placeringarna. Antalet ska stå i proportion till kontraktets värde och längd: använd "
            "proportionalitetsstödet, besluta själv och skriv en motivering. Bestäm målgrupper och tillåtna "
            "alternativ, och säkerställ före annonsering att en matchningsansvarig finns. Ställ inte kravet på "
            "rena varuleveranser utan arbetskraftsdel."
        ),
        "guidance_en": (
            "The advanced level of the national model (compare Upphandlingsmyndigheten's criterion 11554). Use it "
            "in larger service and works contracts with a clear labour component and a term long enough for the "
            "placements. The number must be proportionate to the contract's value and length: use the "
            "proportionality support, decide yourself and write a rationale. Choose target groups and allowed "
            "alternatives, and make sure before the notice that a matching officer is in place. Do not set it on "
            "goods-only contracts without a labour component."
        ),
        "verification_sv": (
            "Leverantören lämnar rapporter med antal placeringar och fullgjorda månader per placeringsform. "
            "Beställaren jämför fullgjorda med åtagna månader, kontrollerar att den första placeringen startat i "
            "tid och tillämpar regeln om förtida avslut innan vite eller bonus beslutas."
        ),
        "verification_en": (
            "The supplier sends reports with the number of placements and months completed per placement form. "
            "The buyer compares months completed with months committed, checks that the first placement started "
            "in time and applies the early-end rule before deciding on a penalty or a bonus."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    {
        "code": "employment-internships",
        "title_sv": "Praktikplatser i uppdraget",
        "title_en": "Internships in the contract",
        "theme": Theme.EMPLOYMENT,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "requirement_kind": RequirementKind.EMPLOYMENT_NUMERIC,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska under avtalstiden ta emot {slots} praktikanter ur målgruppen {target_groups} för "
            "praktik inom uppdraget, sammanlagt minst {months_fulltime} månader på heltid. Den första praktiken "
            "ska ha påbörjats senast {first_start_within_months} månader efter avtalsstart. Praktikanterna "
            "anvisas av kommunens arbetsmarknadsenhet eller Arbetsförmedlingen, som svarar för praktikantens "
            "ersättning; praktiken är ingen anställning. Leverantören utser en handledare för varje praktikant, "
            "ger en introduktion i arbetsmiljö och säkerhet och erbjuds kommunens handledarutbildning. "
            "Leverantören rapporterar {reporting_frequency} antal praktikanter och fullgjorda praktikmånader. "
            "Avbryts en praktik i förtid av skäl som leverantören inte råder över anses åtagandet uppfyllt om minst "
            "{early_end_threshold_percent} % av den avtalade tiden har fullgjorts. Vid brist utgår, efter "
            "skriftlig erinran, vite enligt följande: {penalty_terms}."
        ),
        "guidance_sv": (
            "Östersundsmodellens första pilot krävde fyra praktikanter i minst fyra månader vardera vid en "
            "ombyggnad. Använd när ett fast antal praktikplatser passar uppdraget bättre än anställningar, till "
            "exempel i bygg och lokalvård. Praktikantens försörjning kommer från statligt eller kommunalt stöd, "
            "inte från leverantören. Antalet ska stå i proportion till kontraktets storlek och längd; skriv en "
            "motivering."
        ),
        "guidance_en": (
            "The Östersund model's first pilot required four interns for at least four months each in a "
            "renovation. Use it when a fixed number of internships suits the work better than employment, for "
            "example in construction and cleaning. The intern is supported by state or municipal benefits, not by "
            "the supplier. The number must be proportionate to the contract's size and length; write a rationale."
        ),
        "verification_sv": (
            "Leverantören rapporterar antal praktikanter och fullgjorda månader. Matchningsansvarig följer upp "
            "varje placering med praktikant och handledare och meddelar beställaren avbrott."
        ),
        "verification_en": (
            "The supplier reports the number of interns and months completed. The matching officer follows up "
            "each placement with the intern and the supervisor and tells the buyer about early ends."
        ),
        "suits": (SERVICES, WORKS),
    },
    {
        "code": "employment-bonus",
        "title_sv": "Bonus för extra sysselsättning och jämställdhetsåtgärder",
        "title_en": "Bonus for extra employment and gender-equality measures",
        "theme": Theme.EMPLOYMENT,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.CUTTING_EDGE,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "requirement_kind": RequirementKind.EMPLOYMENT_BONUS,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören kan få bonus när fler personer i målgruppen {target_groups} får anställning, "
            "lärlingsplats eller praktik inom uppdraget än avtalet kräver, och när leverantören genomför "
            "överenskomna jämställdhetsåtgärder i uppdraget, till exempel rekrytering av det underrepresenterade "
            "könet till yrkesroller i uppdraget. Bonus utgår enligt följande: {bonus_terms}. Bonus förutsätter att "
            "placeringen eller åtgärden har godkänts av beställaren i förväg och redovisats i leverantörens "
            "rapport, som lämnas {reporting_frequency}. Bonus betalas bara för fullgjorda månader och inte för "
            "placeringar som ingår i ett annat åtagande i avtalet."
        ),
        "guidance_sv": (
            "Spjutspetsnivån i den nationella modellen. Ett positivt incitament i stället för, eller utöver, ett "
            "sifferkrav; passar när marknaden är osäker på vad som går att åta sig. Sätt ett tak för den totala "
            "bonusen och budgetera för den. Bonusen ska avse arbete inom uppdraget så att kopplingen till "
            "kontraktsföremålet finns. Trafikverket har använt belopp per praktik- och anställningsmånad."
        ),
        "guidance_en": (
            "The cutting-edge level of the national model. A positive incentive instead of, or on top of, a "
            "numeric requirement; it suits markets that are unsure what they can commit to. Cap the total bonus and "
            "budget for it. The bonus must concern work within the contract so that it is linked to the subject "
            "matter. Trafikverket has used amounts per month of internship and of employment."
        ),
        "verification_sv": (
            "Beställaren godkänner placeringar och åtgärder i förväg, kontrollerar dem mot leverantörens "
            "rapporter och betalar bonus mot faktura efter avstämning."
        ),
        "verification_en": (
            "The buyer approves placements and measures in advance, checks them against the supplier's reports "
            "and pays the bonus against an invoice after reconciliation."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    # --- Social integration ----------------------------------------------------------------------------------
    {
        "code": "integration-labour-market-unit",
        "title_sv": "Samverkan med kommunens arbetsmarknadsenhet",
        "title_en": "Cooperation with the municipality's labour-market unit",
        "theme": Theme.SOCIAL_INTEGRATION,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska under avtalstiden utse en kontaktperson för samverkan med kommunens "
            "arbetsmarknadsenhet. Leverantören ska minst en gång per avtalsår medverka vid en rekryteringsträff, "
            "ett studiebesök eller en yrkesintroduktion som kommunen anordnar, och informera arbetsmarknadsenheten "
            "om lediga tjänster inom uppdraget senast samtidigt som de annonseras. Samverkan förpliktar inte "
            "leverantören att anställa."
        ),
        "guidance_sv": (
            "Ett lätt krav som öppnar en kontaktväg mellan leverantören och kommunens arbetsmarknadsverksamhet "
            "(i Östersund Arbetsmarknad och lärande). Passar även mindre och kortare avtal där ett sifferkrav "
            "inte är proportionerligt. Aktiviteterna ska röra yrken i uppdraget."
        ),
        "guidance_en": (
            "A light requirement that opens a channel between the supplier and the municipality's labour-market "
            "unit (in Östersund, Arbetsmarknad och lärande). It also suits smaller and shorter contracts where a "
            "numeric requirement would not be proportionate. The activities must concern jobs in the contract."
        ),
        "verification_sv": (
            "Arbetsmarknadsenheten noterar genomförda aktiviteter och inkomna platsannonser och rapporterar till "
            "beställaren inför uppföljningsmötet."
        ),
        "verification_en": (
            "The labour-market unit notes the activities held and the vacancies received and reports to the "
            "buyer before the follow-up meeting."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    {
        "code": "integration-language-internship",
        "title_sv": "Språkpraktik för nyanlända",
        "title_en": "Language internships for newly arrived people",
        "theme": Theme.SOCIAL_INTEGRATION,
        "social_objective": SocialObjective.ETHNIC_EQUALITY,
        "sustainability_goal": "social.ethnicEquality",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "requirement_kind": RequirementKind.EMPLOYMENT_NUMERIC,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska under avtalstiden ta emot {slots} personer ur målgruppen {target_groups} för "
            "språkpraktik inom uppdraget, sammanlagt minst {months_fulltime} månader. Språkpraktiken kombinerar "
            "arbete i uppdraget med träning i svenska på arbetsplatsen. Leverantören utser en språkstödjande "
            "handledare för varje deltagare och samverkar med kommunens vuxenutbildning och arbetsmarknadsenhet om "
            "deltagarnas studier. Den första språkpraktiken ska ha påbörjats senast {first_start_within_months} "
            "månader efter avtalsstart. Leverantören rapporterar {reporting_frequency} antal deltagare och "
            "fullgjorda månader, utan andra personuppgifter än dem beställaren begär."
        ),
        "guidance_sv": (
            "Passar uppdrag med arbetsuppgifter där man kan lära sig svenska i arbetet, till exempel lokalvård, "
            "måltider, fastighetsskötsel och enklare byggarbeten. Målgruppen ska definieras utifrån "
            "etableringsstatus, inte ursprung, för att inte vara diskriminerande. Antalet ska stå i proportion "
            "till uppdraget; besluta och motivera som för andra sysselsättningskrav."
        ),
        "guidance_en": (
            "Suits contracts where Swedish can be learnt on the job, such as cleaning, meals, property "
            "maintenance and simple construction work. Define the target group by settlement status, not origin, "
            "so it does not discriminate. The number must be proportionate to the contract; decide and justify it "
            "as for other employment requirements."
        ),
        "verification_sv": (
            "Leverantören rapporterar antal deltagare och fullgjorda månader. Vuxenutbildningen och "
            "arbetsmarknadsenheten bekräftar samverkan vid uppföljningsmötet."
        ),
        "verification_en": (
            "The supplier reports the number of participants and months completed. Adult education and the "
            "labour-market unit confirm the cooperation at the follow-up meeting."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    {
        "code": "integration-supervisors",
        "title_sv": "Handledare och handledarutbildning",
        "title_en": "Supervisors and supervisor training",
        "theme": Theme.SOCIAL_INTEGRATION,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "För varje person som tas emot för praktik eller anställning enligt avtalets sociala villkor ska "
            "leverantören utse en handledare med god kännedom om arbetsuppgifterna och ge handledaren tid för "
            "uppdraget. Handledaren erbjuds att delta i kommunens handledarutbildning. Leverantören meddelar "
            "beställaren vem som är handledare innan placeringen börjar och när handledaren byts."
        ),
        "guidance_sv": (
            "Ett kompletterande villkor till dialogkravet, sifferkravet eller språkpraktiken; det ger inget eget "
            "åtagande om platser. Erfarenheter från bland annat ÖrebroBostäder visar att utbildade handledare är "
            "en av de viktigaste framgångsfaktorerna."
        ),
        "guidance_en": (
            "A companion condition to the dialogue requirement, the numeric requirement or language internships; "
            "it creates no commitment to places of its own. Experience, for example from ÖrebroBostäder, shows "
            "that trained supervisors are one of the most important factors of success."
        ),
        "verification_sv": (
            "Beställaren får uppgift om handledare före varje placering; deltagandet i handledarutbildningen syns "
            "i kommunens anmälningslista."
        ),
        "verification_en": (
            "The buyer is told who the supervisor is before each placement; attendance at the supervisor "
            "training shows in the municipality's registration list."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    # --- Accessibility ---------------------------------------------------------------------------------------
    {
        "code": "accessibility-design-for-all",
        "title_sv": "Tillgänglighet och design för alla",
        "title_en": "Accessibility and design for all",
        "theme": Theme.ACCESSIBILITY,
        "social_objective": SocialObjective.ACCESSIBILITY,
        "sustainability_goal": "social.accessibility",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.TECHNICAL_SPECIFICATION,
        "lou_reference": "9 kap. 2 § LOU",
        "text_sv": (
            "Varor, tjänster och miljöer som levereras enligt avtalet ska kunna användas av alla avsedda "
            "användare, däribland personer med funktionsnedsättning. De ska vara utformade enligt principen om "
            "design för alla, så att personer med nedsatt rörelse-, syn-, hörsel- eller kognitiv förmåga kan "
            "använda dem utan särskild anpassning. Tillgänglighetskrav som följer av lag, föreskrift eller en "
            "standard som anges i upphandlingsdokumenten ska uppfyllas. Anbudsgivaren ska i anbudet beskriva hur "
            "kravet uppfylls."
        ),
        "guidance_sv": (
            "Över tröskelvärdet ska de tekniska specifikationerna bestämmas med hänsyn till tillgänglighet och "
            "alla användares behov när det som köps ska användas av människor, allmänhet eller personal. Undantag "
            "kräver särskilda skäl, som ska dokumenteras (eForms BT-754 och BT-755). Komplettera den allmänna "
            "formuleringen med mätbara krav ur en standard för just det som köps, så att anbuden kan jämföras."
        ),
        "guidance_en": (
            "Above the threshold, technical specifications must take accessibility and all users' needs into "
            "account when what is bought will be used by people, whether the public or staff. An exception needs "
            "special reasons, which must be documented (eForms BT-754 and BT-755). Add measurable requirements "
            "from a standard for what is being bought, so that tenders can be compared."
        ),
        "verification_sv": (
            "Anbudets beskrivning granskas vid utvärderingen. Vid leverans kontrollerar beställaren, gärna "
            "tillsammans med användare med funktionsnedsättning, att de utlovade egenskaperna finns."
        ),
        "verification_en": (
            "The description in the tender is checked during evaluation. On delivery the buyer checks, ideally "
            "together with users with disabilities, that the promised features are there."
        ),
        "suits": (GOODS, SERVICES, WORKS),
    },
    {
        "code": "accessibility-digital-en-301-549",
        "title_sv": "Tillgängliga digitala tjänster enligt EN 301 549",
        "title_en": "Accessible digital services under EN 301 549",
        "theme": Theme.ACCESSIBILITY,
        "social_objective": SocialObjective.ACCESSIBILITY,
        "sustainability_goal": "social.accessibility",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.TECHNICAL_SPECIFICATION,
        "lou_reference": "9 kap. 2 § LOU; lag (2018:1937)",
        "text_sv": (
            "Webbplatser, mobila applikationer, dokument och andra digitala gränssnitt som levereras eller "
            "tillhandahålls enligt avtalet ska uppfylla de tillgänglighetskrav i standarden EN 301 549 som gäller "
            "för sådana gränssnitt, vilket för webbinnehåll motsvarar WCAG 2.1 nivå AA, eller likvärdiga krav. "
            "Före driftsättning och efter större förändringar ska leverantören lämna en "
            "tillgänglighetsredogörelse som anger kända brister och en tidsplan för att åtgärda dem."
        ),
        "guidance_sv": (
            "Använd när upphandlingen omfattar digitala tjänster som invånare eller personal ska använda. Lagen "
            "(2018:1937) om tillgänglighet till digital offentlig service ställer krav på kommunens egna digitala "
            "tjänster; kravet ser till att det som köps in uppfyller dem. Ange vilken version av standarden som "
            "gäller och godta likvärdiga krav."
        ),
        "guidance_en": (
            "Use when the procurement includes digital services that residents or staff will use. The Act "
            "(2018:1937) on accessibility of digital public services sets requirements on the municipality's own "
            "digital services; this makes sure what is bought meets them. State which version of the standard "
            "applies and accept equivalent requirements."
        ),
        "verification_sv": (
            "Leverantören lämnar tillgänglighetsredogörelse och testrapport. Beställaren gör en egen granskning "
            "med automatiska verktyg och manuella tester före godkännande av leveransen."
        ),
        "verification_en": (
            "The supplier provides an accessibility statement and a test report. The buyer makes its own review "
            "with automated tools and manual tests before accepting the delivery."
        ),
        "suits": (GOODS, SERVICES),
    },
    # --- Workers' rights -------------------------------------------------------------------------------------
    {
        "code": "workers-no-undeclared-work",
        "title_sv": "Inget svartarbete i uppdraget",
        "title_en": "No undeclared work in the contract",
        "theme": Theme.WORKERS_RIGHTS,
        "social_objective": SocialObjective.WORK_CONDITIONS,
        "sustainability_goal": "social.laborRightsPromotion",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören och dess underleverantörer ska under hela avtalstiden vara godkända för F-skatt och "
            "registrerade som arbetsgivare, betala skatter och sociala avgifter och inte använda odeklarerad "
            "arbetskraft i uppdraget. Beställaren får under avtalstiden kontrollera leverantören och "
            "underleverantörerna hos Skatteverket. Leverantören ska på begäran visa att de som utför uppdraget har "
            "rätt att arbeta i Sverige. Brott mot villkoret är ett väsentligt avtalsbrott."
        ),
        "guidance_sv": (
            "Ett grundkrav för alla tjänster och entreprenader där arbete utförs i Sverige. Det skyddar både "
            "arbetstagare och seriösa företag mot osund konkurrens. Kravet är proportionerligt i alla storlekar "
            "av upphandlingar eftersom det bara kräver att lagen följs och att det går att kontrollera."
        ),
        "guidance_en": (
            "A basic requirement for all services and works performed in Sweden. It protects workers and honest "
            "companies from unfair competition. It is proportionate at any size of procurement because it only "
            "asks that the law is followed and that this can be checked."
        ),
        "verification_sv": (
            "Beställaren kontrollerar leverantören och underleverantörer hos Skatteverket vid avtalsstart och "
            "därefter minst två gånger per år, och gör stickprov på arbetsplatsen."
        ),
        "verification_en": (
            "The buyer checks the supplier and subcontractors with the Swedish Tax Agency at contract start and "
            "at least twice a year afterwards, and makes spot checks at the workplace."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    {
        "code": "workers-staff-ledger-id06",
        "title_sv": "Personalliggare och ID06 på byggarbetsplatsen",
        "title_en": "Staff ledger and ID06 on the construction site",
        "theme": Theme.WORKERS_RIGHTS,
        "social_objective": SocialObjective.WORK_CONDITIONS,
        "sustainability_goal": "social.laborRightsPromotion",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ansvarar för att elektronisk personalliggare förs på byggarbetsplatsen enligt "
            "skatteförfarandelagen (2011:1244), också för underleverantörers personal, och att alla som arbetar "
            "där registrerar sig vid varje arbetspass. Alla som vistas på arbetsplatsen ska bära ett giltigt "
            "ID06-kort eller en likvärdig legitimation som visar arbetsgivaren. Beställaren ska på begäran få ta "
            "del av personalliggaren och en förteckning över underleverantörer i alla led."
        ),
        "guidance_sv": (
            "För byggentreprenader. Personalliggare är redan ett lagkrav i byggbranschen; villkoret gör ansvaret "
            "tydligt i avtalet och ger beställaren insyn. Låt en jurist bedöma hur ansvaret för personalliggaren "
            "fördelas mellan kommunen som byggherre och entreprenören. ID06 är branschens system; godta likvärdig "
            "legitimation."
        ),
        "guidance_en": (
            "For works contracts. A staff ledger is already a legal requirement in construction; the condition "
            "makes responsibility clear in the contract and gives the buyer insight. Have a lawyer decide how "
            "responsibility for the ledger is shared between the municipality as client and the contractor. ID06 "
            "is the industry's system; accept equivalent identification."
        ),
        "verification_sv": (
            "Beställaren begär utdrag ur personalliggaren och underleverantörsförteckningen vid byggmöten och gör "
            "oanmälda besök på arbetsplatsen."
        ),
        "verification_en": (
            "The buyer asks for extracts from the ledger and the list of subcontractors at site meetings and makes "
            "unannounced visits to the site."
        ),
        "suits": (WORKS,),
    },
    {
        "code": "workers-freedom-of-association",
        "title_sv": "Föreningsfrihet och rätt till kollektiva förhandlingar",
        "title_en": "Freedom of association and the right to collective bargaining",
        "theme": Theme.WORKERS_RIGHTS,
        "social_objective": SocialObjective.WORK_CONDITIONS,
        "sustainability_goal": "social.laborRightsPromotion",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska respektera rätten för den personal som utför uppdraget att organisera sig fackligt, "
            "att förhandla kollektivt och att utse arbetstagarrepresentanter, och får inte missgynna någon för att "
            "hen använder dessa rättigheter. Leverantören ska informera personalen om deras rättigheter och om vart "
            "de kan vända sig med klagomål. Villkoret gäller även underleverantörer som utför arbete i uppdraget."
        ),
        "guidance_sv": (
            "Ett grundkrav för tjänster och entreprenader, särskilt i branscher med många underleverantörer och "
            "utstationerad personal. Villkoret kräver inte kollektivavtal, vilket inte får krävas, utan att "
            "rättigheterna respekteras. Kombinera med arbetsrättsliga villkor över tröskelvärdet."
        ),
        "guidance_en": (
            "A basic condition for services and works, especially in sectors with many subcontractors and posted "
            "workers. It does not require a collective agreement, which may not be required, only that the rights "
            "are respected. Combine it with labour-law conditions above the threshold."
        ),
        "verification_sv": (
            "Leverantören lämnar på begäran sin information till personalen. Beställaren tar emot signaler från "
            "fackliga organisationer och följer upp dem med leverantören."
        ),
        "verification_en": (
            "On request the supplier shows the information given to staff. The buyer receives concerns from trade "
            "unions and follows them up with the supplier."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    # --- Fair working conditions in supply chains ---------------------------------------------------------------
    {
        "code": "supply-chain-ilo-core-conventions",
        "title_sv": "Grundläggande arbetsvillkor i leverantörskedjan (ILO:s kärnkonventioner)",
        "title_en": "Basic working conditions in the supply chain (ILO core conventions)",
        "theme": Theme.SUPPLY_CHAIN,
        "social_objective": SocialObjective.HUMAN_RIGHTS,
        "sustainability_goal": "social.humanRightsInSupplyChains",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Varor som levereras enligt avtalet ska vara framställda under förhållanden som är förenliga med "
            "ILO:s kärnkonventioner nr 29 och 105 om tvångsarbete, nr 87 och 98 om föreningsfrihet och kollektiva "
            "förhandlingar, nr 100 och 111 om lika lön och icke-diskriminering och nr 138 och 182 om barnarbete, "
            "med artikel 32 i FN:s konvention om barnets rättigheter, och med den arbetsrätt, "
            "arbetsmiljölagstiftning och minimilön som gäller i det land där framställningen sker. Leverantören "
            "ska ha rutiner för att identifiera och hantera risker för brott mot dessa villkor i leverantörskedjan "
            "och ska åtgärda brister inom skälig tid enligt en åtgärdsplan som stäms av med beställaren."
        ),
        "guidance_sv": (
            "Använd för varor från globala leverantörskedjor med kända risker: livsmedel, textil, arbetskläder, "
            "IT-utrustning, medicinska förbrukningsartiklar, natursten. Villkoret gäller produktionen av just de "
            "varor som levereras. ILO lade 2022 till konventionerna 155 och 187 om arbetsmiljö; villkoret täcker "
            "arbetsmiljön genom nationell lagstiftning. Kombinera med uppförandekod och revision när risken är hög."
        ),
        "guidance_en": (
            "Use for goods from global supply chains with known risks: food, textiles, workwear, IT equipment, "
            "medical consumables, natural stone. The condition applies to the production of the goods delivered. "
            "In 2022 the ILO added conventions 155 and 187 on occupational safety and health; the condition covers "
            "health and safety through national law. Combine with a code of conduct and audits when the risk is "
            "high."
        ),
        "verification_sv": (
            "Leverantören beskriver sina rutiner inom en månad efter avtalsstart. Beställaren följer upp med "
            "frågeformulär och begär vid behov underlag för enskilda produkter och fabriker."
        ),
        "verification_en": (
            "The supplier describes its routines within a month of contract start. The buyer follows up with a "
            "questionnaire and, where needed, asks for evidence for particular products and factories."
        ),
        "suits": (GOODS,),
    },
    {
        "code": "supply-chain-code-of-conduct-audits",
        "title_sv": "Uppförandekod med självskattning och revision",
        "title_en": "Code of conduct with self-assessment and audits",
        "theme": Theme.SUPPLY_CHAIN,
        "social_objective": SocialObjective.HUMAN_RIGHTS,
        "sustainability_goal": "social.humanRightsInSupplyChains",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska under avtalstiden tillämpa en uppförandekod för sina leverantörer som minst omfattar "
            "ILO:s åtta kärnkonventioner och nationell arbetsmiljölagstiftning, och som har förankrats i "
            "leverantörsledet för de varor som levereras. Senast två månader efter avtalsstart ska leverantören "
            "lämna en riskanalys av leverantörskedjan och besvara den självskattning som beställaren "
            "tillhandahåller. Beställaren får låta en oberoende part granska leverantören eller leverantörsledet; "
            "leverantören ska medverka och ge tillgång till dokumentation och arbetsplatser. Brister ska åtgärdas "
            "enligt en tidsatt åtgärdsplan som beställaren godkänner."
        ),
        "guidance_sv": (
            "Nästa steg efter grundkravet om ILO:s kärnkonventioner, för varugrupper med hög risk och stora "
            "volymer. Revisioner kostar; planera dem utifrån riskanalysen och samordna gärna med andra kommuner "
            "eller regionerna, som följer upp många av samma leverantörer. Ange i avtalet vem som betalar en "
            "revision som visar allvarliga brister."
        ),
        "guidance_en": (
            "The next step after the basic ILO requirement, for high-risk product groups bought in volume. Audits "
            "cost money; plan them from the risk analysis and coordinate with other municipalities or the regions, "
            "which follow up many of the same suppliers. State in the contract who pays for an audit that finds "
            "serious breaches."
        ),
        "verification_sv": (
            "Riskanalys och självskattning granskas av beställaren. Revisioner utförs av oberoende part enligt en "
            "plan; åtgärdsplaner följs upp tills bristerna är åtgärdade."
        ),
        "verification_en": (
            "The buyer reviews the risk analysis and the self-assessment. Independent auditors carry out audits to "
            "a plan; corrective action plans are followed up until the breaches are fixed."
        ),
        "suits": (GOODS,),
    },
    # --- Labour-law conditions (17 kap. 2 § ff. LOU) ---------------------------------------------------------------
    {
        "code": "labour-conditions-pay-holidays-hours",
        "title_sv": "Arbetsrättsliga villkor om lön, semester och arbetstid",
        "title_en": "Labour-law conditions on pay, holidays and working time",
        "theme": Theme.LABOUR_CONDITIONS,
        "social_objective": SocialObjective.WORK_CONDITIONS,
        "sustainability_goal": "social.laborRightsPromotion",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.LABOUR_CONDITIONS,
        "requirement_kind": RequirementKind.LABOUR_CONDITIONS,
        "lou_reference": "17 kap. 2 § ff. LOU",
        "text_sv": (
            "Leverantören ska se till att arbetstagare som utför arbete i Sverige inom ramen för avtalet, även hos "
            "underleverantörer i alla led, har lägst den lön, semester och arbetstid som följer av "
            "{collective_agreement}, i den omfattning villkoren anges i bilagan om arbetsrättsliga villkor till "
            "upphandlingsdokumenten. Villkoren får aldrig vara sämre än vad som följer av lag. Leverantören ska på "
            "beställarens begäran och inom den tid beställaren anger lämna underlag som visar att villkoren "
            "uppfylls, till exempel lönespecifikationer, tidrapporter och semesterlistor för de arbetstagare som "
            "utför uppdraget. Brister medför vite enligt avtalet och kan vara ett väsentligt avtalsbrott."
        ),
        "guidance_sv": (
            "Gäller bara upphandlingar över tröskelvärdet (som omfattas av EU-direktiven). Där ska villkor om lön, "
            "semester och arbetstid ställas om det är behövligt: gör och dokumentera en behövlighetsbedömning. "
            "Nivån är lägst den i ett centralt kollektivavtal som tillämpas i hela Sverige i branschen, och "
            "centrala arbetsgivar- och arbetstagarorganisationer ska ha fått tillfälle att lämna uppgifter; "
            "Upphandlingsmyndigheten tar fram sådana villkor per bransch. För arbete utanför Sverige gäller "
            "villkor enligt ILO:s kärnkonventioner. Under tröskelvärdet finns ingen skyldighet."
        ),
        "guidance_en": (
            "Applies only to procurements above the threshold (those governed by the EU directives). There, "
            "conditions on pay, holidays and working time must be set if they are necessary: make and document a "
            "necessity assessment. The level is at least that of a central collective agreement applied "
            "throughout Sweden in the sector, and the central employer and employee organisations must have had a "
            "chance to give input; Upphandlingsmyndigheten publishes such conditions per sector. For work outside "
            "Sweden, conditions under the ILO core conventions apply. Below the threshold there is no duty."
        ),
        "verification_sv": (
            "Stegvis uppföljning: först leverantörens egenrapportering, sedan fördjupad kontroll med "
            "lönespecifikationer och tidrapporter, särskilt för underleverantörer och utstationerad personal."
        ),
        "verification_en": (
            "Stepwise follow-up: first the supplier's self-reporting, then deeper checks with payslips and time "
            "sheets, especially for subcontractors and posted workers."
        ),
        "suits": LABOUR_INTENSIVE,
    },
    # --- Small and medium-sized enterprises ------------------------------------------------------------------
    {
        "code": "sme-lots-proportionate-qualification",
        "title_sv": "Delkontrakt och proportionerliga kvalificeringskrav",
        "title_en": "Lots and proportionate qualification requirements",
        "theme": Theme.SME,
        "social_objective": SocialObjective.OTHER,
        "sustainability_goal": "social.smeInclusion",
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.SELECTION_CRITERION,
        "lou_reference": "4 kap. 12–14 §§ och 14 kap. LOU",
        "text_sv": (
            "Upphandlingen är uppdelad i delkontrakt, och anbud får lämnas på ett, flera eller alla delkontrakt. "
            "Kraven på ekonomisk ställning och på teknisk och yrkesmässig kapacitet ställs per delkontrakt och "
            "står i proportion till delkontraktets värde och art. Ett krav på lägsta årsomsättning är högst två "
            "gånger delkontraktets uppskattade värde. Referensuppdrag ska vara jämförbara med, inte identiska med, "
            "det som upphandlas. Anbudsgivaren får åberopa andra företags kapacitet och får lämna anbud "
            "tillsammans med andra leverantörer."
        ),
        "guidance_sv": (
            "Ett sätt att göra upphandlingen lättare för små och medelstora företag, som Östersunds kommun lyfter "
            "fram. Över tröskelvärdet ska kommunen överväga delkontrakt och motivera om den inte delar upp "
            "(4 kap. 14 §); det gäller inte sociala tjänster och andra särskilda tjänster. Delkontrakt kan delas "
            "efter geografi, verksamhet eller fackområde, och antalet delkontrakt en anbudsgivare får tilldelas "
            "kan begränsas. Kvalificeringskrav ska vara nödvändiga för att säkerställa att leverantören kan utföra "
            "kontraktet, och inte högre."
        ),
        "guidance_en": (
            "A way to make the procurement easier for small and medium-sized enterprises, which Östersund "
            "highlights. Above the threshold the municipality must consider lots and give reasons if it does not "
            "divide (4 kap. 14 §); this does not apply to social and other specific services. Lots can follow "
            "geography, activity or trade, and the number of lots one tenderer may win can be limited. "
            "Qualification requirements must be what is needed to be sure the supplier can perform the contract, "
            "and no higher."
        ),
        "verification_sv": (
            "Kontrolleras vid kvalificeringen med de bevis som anges i upphandlingsdokumenten. Beställaren följer "
            "upp hur många små och medelstora företag som lämnat anbud och tilldelats kontrakt."
        ),
        "verification_en": (
            "Checked at qualification with the evidence named in the procurement documents. The buyer follows up "
            "how many small and medium-sized enterprises tendered and won contracts."
        ),
        "suits": (GOODS, SERVICES, WORKS),
    },
    {
        "code": "sme-prompt-payment-subcontractors",
        "title_sv": "Snabb betalning till underleverantörer",
        "title_en": "Prompt payment to subcontractors",
        "theme": Theme.SME,
        "social_objective": SocialObjective.OTHER,
        "sustainability_goal": "social.smeInclusion",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "lou_reference": "17 kap. 1 § LOU",
        "text_sv": (
            "Leverantören ska betala underleverantörer för arbete och leveranser inom avtalet senast 30 dagar "
            "efter att en korrekt faktura har kommit in, och får inte avtala om längre betalningstid med dem. "
            "Leverantören ska föra över samma villkor till underleverantörer i nästa led. Beställaren får begära "
            "att leverantören visar betalningstiderna till underleverantörerna."
        ),
        "guidance_sv": (
            "Långa betalningstider drabbar små företag hårdast. Villkoret passar kontrakt där en stor del av "
            "arbetet utförs av underleverantörer, till exempel entreprenader och fastighetsservice. Det ska gälla "
            "arbete inom avtalet, inte leverantörens övriga affärer."
        ),
        "guidance_en": (
            "Long payment terms hurt small businesses most. The condition suits contracts where much of the work "
            "is done by subcontractors, such as works and facility services. It must concern work under the "
            "contract, not the supplier's other business."
        ),
        "verification_sv": (
            "Beställaren begär en gång per avtalsår en sammanställning av betalningstider till underleverantörer "
            "och gör stickprov mot fakturor."
        ),
        "verification_en": (
            "Once a contract year the buyer asks for a summary of payment times to subcontractors and spot-checks "
            "it against invoices."
        ),
        "suits": (GOODS, SERVICES, WORKS),
    },
    # --- Reserved contracts (4 kap. 18 § LOU) ----------------------------------------------------------------
    {
        "code": "reserved-participation",
        "title_sv": "Reserverad upphandling för sociala företag och skyddade verkstäder",
        "title_en": "Reserved participation for social enterprises and sheltered workshops",
        "theme": Theme.RESERVED,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.ADVANCED,
        "legal_instrument": LegalInstrument.RESERVED_PARTICIPATION,
        "requirement_kind": RequirementKind.RESERVED,
        "lou_reference": "4 kap. 18 § LOU",
        "text_sv": (
            "Rätten att delta i upphandlingen är förbehållen skyddade verkstäder och leverantörer vars "
            "huvudsakliga syfte är social och yrkesmässig integration av personer med funktionsnedsättning eller "
            "personer som har svårt att komma in på arbetsmarknaden. Minst {target_group_share_percent} % av dem "
            "som är sysselsatta i leverantörens verksamhet ska tillhöra dessa grupper; de kan vara anställda, "
            "praktikanter eller sysselsatta på annat sätt. Anbudsgivaren ska i anbudet intyga andelen och ange "
            "antalet sysselsatta i målgruppen och totalt, utan personuppgifter om enskilda. Andelen ska "
            "upprätthållas under hela avtalstiden."
        ),
        "guidance_sv": (
            "Lagen kräver att minst 30 % av de sysselsatta tillhör målgruppen; kommunen får ställa en högre andel. "
            "Leverantörens juridiska form spelar ingen roll. Undersök först om det finns tillräckligt många sådana "
            "leverantörer för konkurrens, till exempel för café, tvätt, städ, second hand och enklare underhåll. "
            "Ange reservationen i annonsen (eForms BT-71, res-ws). Begär bara andel och antal, aldrig uppgifter "
            "om enskilda personer."
        ),
        "guidance_en": (
            "The law requires at least 30 % of the people employed to belong to the target group; the "
            "municipality may set a higher share. The supplier's legal form does not matter. First check that "
            "there are enough such suppliers for competition, for example for cafés, laundry, cleaning, second "
            "hand and simple maintenance. State the reservation in the notice (eForms BT-71, res-ws). Ask only for "
            "the share and the numbers, never for data about individuals."
        ),
        "verification_sv": (
            "Intyget kontrolleras vid kvalificeringen. Under avtalstiden begär beställaren en gång per avtalsår "
            "en ny uppgift om andel och antal."
        ),
        "verification_en": (
            "The declaration is checked at qualification. During the contract the buyer asks once a contract year "
            "for an updated share and numbers."
        ),
        "suits": (GOODS, SERVICES, SOCIAL),
    },
    {
        "code": "reserved-execution-sheltered-employment",
        "title_sv": "Utförande inom program för skyddad anställning",
        "title_en": "Performance within a sheltered-employment programme",
        "theme": Theme.RESERVED,
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "level": Level.CUTTING_EDGE,
        "legal_instrument": LegalInstrument.RESERVED_EXECUTION,
        "requirement_kind": RequirementKind.RESERVED,
        "lou_reference": "4 kap. 18 § LOU",
        "text_sv": (
            "Kontraktet ska fullgöras inom ramen för ett program för skyddad anställning där minst "
            "{target_group_share_percent} % av dem som är sysselsatta i programmet är personer med "
            "funktionsnedsättning eller personer som har svårt att komma in på arbetsmarknaden. Leverantören ska "
            "under avtalstiden, på beställarens begäran, redovisa antalet sysselsatta i programmet och hur många "
            "av dem som tillhör målgruppen, utan personuppgifter om enskilda."
        ),
        "guidance_sv": (
            "Den andra formen av reservation: i stället för att begränsa vilka som får delta krävs att kontraktet "
            "utförs inom ett program för skyddad anställning. Andelen är minst 30 % enligt lag. Passar uppdrag "
            "som kan utföras av Samhall eller motsvarande program. Ange reservationen i annonsen (eForms BT-736)."
        ),
        "guidance_en": (
            "The second form of reservation: instead of limiting who may take part, the contract must be performed "
            "within a sheltered-employment programme. The share is at least 30 % by law. Suits work that Samhall "
            "or a similar programme can do. State the reservation in the notice (eForms BT-736)."
        ),
        "verification_sv": (
            "Leverantören redovisar andel och antal i anbudet och därefter en gång per avtalsår; beställaren "
            "stämmer av uppgifterna vid uppföljningsmöte."
        ),
        "verification_en": (
            "The supplier reports the share and numbers in the tender and then once a contract year; the buyer "
            "reviews them at a follow-up meeting."
        ),
        "suits": (GOODS, SERVICES, SOCIAL),
    },
]


def model_fields(entry: dict) -> dict:
    """One entry as Criterion field values: `suits` becomes the suits_<contract type> booleans."""
    fields = {key: value for key, value in entry.items() if key != "suits"}
    fields.update({f"suits_{value}": value in entry["suits"] for value in ContractType.values})
    fields.setdefault("requirement_kind", RequirementKind.PLAIN)
    return fields


def load_criteria() -> int:
    """Create the seed criteria that are missing; existing ones, edited or not, are left alone. Returns how many."""
    created = 0
    for entry in CRITERIA:
        fields = model_fields(entry)
        code = fields.pop("code")
        _criterion, was_created = Criterion.objects.get_or_create(code=code, defaults=fields)
        created += was_created
    return created
