/**
 * Texts of the services beyond the housing queue: registers, result kinds, deals, and the result and refusal
 * documents of seed 002 (Прил.3 forms) and seed 003. Russian is the forms' wording where the seeds print a form
 * (the placeholders replace the blanks «___»); where a seed only says «в произвольной форме в виде письма с текстом
 * обоснования отказа», the Russian is ours, and the comment says so. The seeds hold no Kazakh for these services
 * beyond one heading: every Kazakh text is composed (`kkComposed`) and needs a native speaker's review.
 */
import type { Localized } from './localized.js'

/** A composed-Kazakh text; generic so the literal Russian survives and `message()` can type its placeholders. */
const c = <R extends string, K extends string, E extends string>(ru: R, kk: K, en: E) =>
  ({ ru, kk, en, kkComposed: true }) as const satisfies Localized

export const serviceTexts = {
  // ── Registers (application/registry.ts).
  'registry.guardianship_register': c('Электронный реестр по опеке и попечительству', 'Қорғаншылық және қамқоршылық жөніндегі электрондық тізілім', 'Electronic guardianship register'),
  'registry.state_information_systems': c('Государственные информационные системы', 'Мемлекеттік ақпараттық жүйелер', 'State information systems'),

  // ── Result kinds (application/service-result.ts).
  'result_kind.unemployment_certificate': {
    ru: 'Справка о регистрации в качестве безработного',
    kk: 'Жұмыссыздық ретінде тіркеу туралы анықтама',
    en: 'Certificate of registration as unemployed',
  },
  'result_kind.disabled_child_allowance_notice': c('Уведомление о назначении материального обеспечения', 'Материалдық қамсыздандыру тағайындау туралы хабарлама', 'Notice assigning the allowance'),
  'result_kind.preschool_referral': c('Направление в дошкольную организацию', 'Мектепке дейінгі ұйымға жолдама', 'Referral to a pre-school organisation'),
  'result_kind.guardianship_certificate': c('Справка по опеке и попечительству', 'Қорғаншылық және қамқоршылық жөнінде анықтама', 'Guardianship certificate'),
  'result_kind.property_deal_permission': c('Справка-разрешение на сделку с имуществом несовершеннолетних', 'Кәмелетке толмағандардың мүлкімен мәмілеге рұқсат-анықтама', 'Permission for a deal with minors’ property'),
  'result_kind.inheritance_permission': c('Справка для оформления наследства несовершеннолетним', 'Кәмелетке толмағандарға мұраны ресімдеуге арналған анықтама', 'Certificate for minors’ inheritance'),
  'result_kind.housing_assistance_notice': c('Уведомление о назначении жилищной помощи', 'Тұрғын үй көмегін тағайындау туралы хабарлама', 'Notice assigning housing assistance'),

  // ── Deals and inheritance variants (services 5 and 6), as the permission names them («разрешает на ___»).
  'deal.sale': c('продажу', 'сатуға', 'the sale'),
  'deal.exchange': c('обмен', 'айырбастауға', 'the exchange'),
  'deal.gift': c('дарение', 'сыйға тартуға', 'the gift'),
  'deal.pledge': c('залог', 'кепілге беруге', 'the pledge'),
  'inheritance.pension_fund': c('Накопительный пенсионный фонд', 'Жинақтаушы зейнетақы қоры', 'Pension fund'),
  'inheritance.bank': c('Банк', 'Банк', 'Bank'),
  'inheritance.road_police': c('Территориальное подразделение Комитета дорожной полиции МВД РК', 'ҚР ІІМ Жол полициясы комитетінің аумақтық бөлімшесі', 'Road-police unit of the Ministry of Internal Affairs'),
  'list.preschool_journal': c('Журнал регистрации детей дошкольного возраста для направления в дошкольные организации', 'Мектепке дейінгі ұйымдарға жолдау үшін мектепке дейінгі жастағы балаларды тіркеу журналы', 'Journal of pre-school children awaiting referral to pre-school organisations'),

  // ── Service 1 (Прил.3). The heading is bilingual in the form, hence not composed.
  'template.unemployment_certificate.title': {
    ru: 'СПРАВКА О РЕГИСТРАЦИИ В КАЧЕСТВЕ БЕЗРАБОТНОГО',
    kk: 'ЖҰМЫССЫЗДЫҚ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА',
    en: 'CERTIFICATE OF REGISTRATION AS UNEMPLOYED',
  },
  'template.unemployment_certificate': c(
    'Ф.И.О.: {name}. В соответствии со ст. 15 Закона Республики Казахстан "О занятости населения" зарегистрирован безработным: {registeredOn}. Период: с {periodFrom} по {periodTo}. Справка дана для предъявления: {presentTo}.',
    'Т.А.Ә.: {name}. Қазақстан Республикасының "Халықты жұмыспен қамту туралы" Заңының 15-бабына сәйкес жұмыссыз ретінде тіркелген: {registeredOn}. Кезең: {periodFrom} бастап {periodTo} дейін. Анықтама ұсыну үшін берілді: {presentTo}.',
    'Name: {name}. Registered as unemployed under art. 15 of the Law "On employment of the population": {registeredOn}. Period: {periodFrom} to {periodTo}. Issued for presentation to: {presentTo}.',
  ),
  // The form's sample letter, with its leftovers (a real-looking name, «Иванов И.И.») replaced by placeholders.
  'template.unemployment_refusal': c(
    'Кому: {name}. Доводим до Вашего сведения, что Вам отказано в предоставлении справки безработного. Причина отказа: {reason}.',
    'Кімге: {name}. Сізге жұмыссыз анықтамасын беруден бас тартылғанын хабарлаймыз. Бас тарту себебі: {reason}.',
    'To: {name}. We inform you that the unemployment certificate is refused. Reason: {reason}.',
  ),

  // ── Service 2 (Прил.4 «Выходная форма положительного ответа»).
  'template.allowance_notice': c(
    'Уважаемый(ая) {name}! Уведомляем Вас о назначении материального обеспечения Вашему ребенку-инвалиду {childName}, обучающемуся и воспитывающемуся на дому, в размере {amount} на период с {periodFrom} по {periodTo}.',
    'Құрметті {name}! Үйде оқитын және тәрбиеленетін мүгедек балаңызға {childName} {periodFrom} бастап {periodTo} дейінгі кезеңге {amount} мөлшерінде материалдық қамсыздандыру тағайындалғанын хабарлаймыз.',
    'Dear {name}, we inform you that your disabled child {childName}, educated and raised at home, is assigned an allowance of {amount} for the period {periodFrom} to {periodTo}.',
  ),
  'template.allowance_table_header': c('№ | Квартал | Год | Сумма выплаты', '№ | Тоқсан | Жыл | Төлем сомасы', 'No. | Quarter | Year | Amount paid'),
  'template.allowance_table_row': c('{n} | {quarter} | {year} | {amount}', '{n} | {quarter} | {year} | {amount}', '{n} | Q{quarter} | {year} | {amount}'),
  'template.allowance_collect': c(
    'Информируем Вас о том, что для получения материального обеспечения Вам необходимо обратиться в отдел занятости и социальных программ.',
    'Материалдық қамсыздандыруды алу үшін жұмыспен қамту және әлеуметтік бағдарламалар бөліміне жүгінуіңіз қажет екенін хабарлаймыз.',
    'To receive the allowance, please apply to the employment and social programmes department.',
  ),
  // Free-form in the seed («при формировании заключения комиссии»): the Russian is ours.
  'template.allowance_refusal': c(
    'Уважаемый(ая) {name}! По заключению комиссии Вам отказано в назначении материального обеспечения ребенку-инвалиду {childName}. Причина отказа: {reason}.',
    'Құрметті {name}! Комиссия қорытындысы бойынша мүгедек балаға {childName} материалдық қамсыздандыру тағайындаудан бас тартылды. Бас тарту себебі: {reason}.',
    'Dear {name}, on the commission’s conclusion the allowance for the disabled child {childName} is refused. Reason: {reason}.',
  ),

  // ── Service 3 (Прил.3).
  'template.preschool_referral': c(
    'НАПРАВЛЕНИЕ № {number}. Для зачисления ребенка в дошкольную организацию {provider} направляет в дошкольную организацию № {organisation}, расположенную по адресу: {address}. Фамилия, имя, отчество ребенка: {childName}. Дата рождения: {birthDate}. Направление выдано {issuedOn}. Направление должно быть предоставлено в дошкольную организацию в течение пяти дней со дня его выдачи (по {validUntil}).',
    'ЖОЛДАМА № {number}. Баланы мектепке дейінгі ұйымға қабылдау үшін {provider} мекенжайы {address} орналасқан № {organisation} мектепке дейінгі ұйымға жолдайды. Баланың тегі, аты, әкесінің аты: {childName}. Туған күні: {birthDate}. Жолдама {issuedOn} берілді. Жолдама берілген күнінен бастап бес күн ішінде ({validUntil} дейін) мектепке дейінгі ұйымға ұсынылуы тиіс.',
    'REFERRAL No. {number}. To enrol the child, {provider} refers the child to pre-school organisation No. {organisation} at {address}. Child: {childName}. Born: {birthDate}. Issued on {issuedOn}. The referral must be presented to the organisation within five days of issue (by {validUntil}).',
  ),
  'template.preschool_queue_notice': c(
    'Настоящее уведомление выдано {parentName} в том, что {childName} поставлен(а) на очередь в Журнале регистрации детей дошкольного возраста для направления в дошкольные организации за № {journalNumber}, от {journalDate} года.',
    'Осы хабарлама {parentName} берілді, {childName} мектепке дейінгі ұйымдарға жолдау үшін мектепке дейінгі жастағы балаларды тіркеу журналында {journalDate} жылғы № {journalNumber} кезекке қойылды.',
    'This notice is issued to {parentName}: {childName} is entered in the Journal of pre-school children awaiting referral under No. {journalNumber} of {journalDate}.',
  ),
  'template.preschool_queue_control': c(
    'Потребители, состоящие в очереди на получение места в дошкольную организацию, имеют возможность осуществлять контроль продвижения своей очередности в соответствии с графиком работы (отдел, акимат), а также через электронный портал.',
    'Мектепке дейінгі ұйымда орын алу кезегінде тұрған тұтынушылар өз кезегінің жылжуын жұмыс кестесіне сәйкес (бөлім, әкімдік), сондай-ақ электрондық портал арқылы бақылай алады.',
    'Those waiting for a place can follow their progress in the queue at the department or the akimat during office hours, and on the portal.',
  ),
  'template.preschool_refusal': c(
    'Уважаемый (ая) {name}, уведомляем Вас о том, что Вам отказано в выдаче направления Вашему ребенку {childName} в детскую дошкольную организацию по причине {reason}.',
    'Құрметті {name}, балаңызға {childName} мектепке дейінгі балалар ұйымына жолдама беруден {reason} себебі бойынша бас тартылғанын хабарлаймыз.',
    'Dear {name}, the referral of your child {childName} to a pre-school organisation is refused because {reason}.',
  ),

  // ── Service 4 (Прил.3), both forms printed in the seed.
  'template.guardianship_certificate': c(
    'СПРАВКА № {number}. Настоящая справка выдана гр.(ке) {name}, проживающему (ей) в {place}, в том, что он (она) согласно постановлению акимата № {decision} от {appointedOn} г. действительно назначен(а) опекуном (попечителем) над {wardName}, {wardBirthDate} года рождения, и над его (ее) имуществом.',
    'АНЫҚТАМА № {number}. Осы анықтама {place} тұратын азамат(ша) {name} берілді, ол әкімдіктің {appointedOn} жылғы № {decision} қаулысына сәйкес {wardBirthDate} жылы туған {wardName} және оның мүлкіне қорғаншы (қамқоршы) болып шынымен тағайындалған.',
    'CERTIFICATE No. {number}. Issued to {name}, resident of {place}: by akimat resolution No. {decision} of {appointedOn} they are appointed guardian (trustee) of {wardName}, born {wardBirthDate}, and of the ward’s property.',
  ),
  'template.guardianship_refusal': c(
    'Уважаемый {name}, уведомляем Вас о том, что Вам отказано в выдаче справки по опеке и попечительству над {wardName}, {wardBirthDate} года рождения, и над его (ее) имуществом. Причина отказа: запись не найдена в Электронном реестре по опеке и попечительству.',
    'Құрметті {name}, {wardBirthDate} жылы туған {wardName} және оның мүлкі бойынша қорғаншылық және қамқоршылық жөнінде анықтама беруден бас тартылғанын хабарлаймыз. Бас тарту себебі: Қорғаншылық және қамқоршылық жөніндегі электрондық тізілімде жазба табылмады.',
    'Dear {name}, the guardianship certificate for {wardName}, born {wardBirthDate}, and the ward’s property is refused. Reason: no record in the electronic guardianship register.',
  ),

  // ── Service 5 (Прил.3, reconstructed from displaced hyperlinks, reference §5.5).
  'template.property_deal_permission': c(
    'Районный отдел образования, осуществляющий функции органов опеки и попечительства, согласно статьям 22-24 Гражданского кодекса Республики Казахстан, пункту 3 статьи 13 Закона Республики Казахстан "О жилищных отношениях", статье 128 Кодекса Республики Казахстан "О браке (супружестве) и семье", действующий в интересах несовершеннолетнего(-ей, -их) {children}, разрешает на {deal} недвижимого имущества, расположенного по адресу {address}.',
    'Қорғаншылық және қамқоршылық органдарының функцияларын жүзеге асыратын аудандық білім бөлімі Қазақстан Республикасы Азаматтық кодексінің 22-24-баптарына, "Тұрғын үй қатынастары туралы" Қазақстан Республикасы Заңының 13-бабының 3-тармағына, "Неке (ерлі-зайыптылық) және отбасы туралы" Қазақстан Республикасы Кодексінің 128-бабына сәйкес кәмелетке толмаған {children} мүддесінде әрекет ете отырып, {address} мекенжайында орналасқан жылжымайтын мүлікті {deal} рұқсат береді.',
    'The district education department, acting as guardianship authority under arts. 22-24 of the Civil Code, art. 13 p.3 of the Law "On housing relations" and art. 128 of the Code "On marriage (matrimony) and family", in the interests of the minor(s) {children}, permits {deal} of the immovable property at {address}.',
  ),
  'template.valid_one_month': c(
    'Справка действительна в течение 1 (одного) месяца со дня выдачи (по {validUntil}).',
    'Анықтама берілген күнінен бастап 1 (бір) ай ішінде ({validUntil} дейін) жарамды.',
    'The certificate is valid for one month from issue (until {validUntil}).',
  ),

  // ── Service 6 (Прил.3): three forms.
  'template.inheritance_pension_fund': c(
    'Отдел образования разрешает {name}, законному представителю несовершеннолетнего {children}, получить наследуемые пенсионные накопления в {addressee}, с причитающимся инвестиционным доходом, пеней и иными поступлениями в соответствии с законодательством, согласно свидетельству о праве на наследство {inheritanceCertificate}, в связи со смертью вкладчика (свидетельство о смерти {deathCertificate}).',
    'Білім бөлімі кәмелетке толмаған {children} заңды өкілі {name} мұраға қалған зейнетақы жинақтарын {addressee} тиесілі инвестициялық табысымен, өсімпұлымен және заңнамаға сәйкес өзге де түсімдерімен мұраға құқық туралы куәлікке {inheritanceCertificate} сәйкес салымшының қайтыс болуына байланысты (қайтыс болу туралы куәлік {deathCertificate}) алуға рұқсат береді.',
    'The education department permits {name}, legal representative of the minor {children}, to receive the inherited pension savings in {addressee}, with the investment income, penalties and other receipts due by law, under the certificate of inheritance {inheritanceCertificate}, following the depositor’s death (death certificate {deathCertificate}).',
  ),
  'template.inheritance_bank': c(
    'Отдел образования разрешает {name}, законному представителю несовершеннолетнего {children}, распорядиться вкладами несовершеннолетнего ребенка (детей) в {addressee}, с причитающимися инвестиционным доходом, пеней и иными поступлениями в соответствии с законодательством.',
    'Білім бөлімі кәмелетке толмаған {children} заңды өкілі {name} кәмелетке толмаған баланың (балалардың) {addressee} салымдарына тиесілі инвестициялық табысымен, өсімпұлымен және заңнамаға сәйкес өзге де түсімдерімен билік етуге рұқсат береді.',
    'The education department permits {name}, legal representative of the minor {children}, to dispose of the minor’s deposits in {addressee}, with the investment income, penalties and other receipts due by law.',
  ),
  'template.inheritance_road_police': c(
    'Отдел образования, действующий в интересах несовершеннолетнего(-ей, -их) {children}, разрешает сделку в отношении транспортного средства {vehicle}.',
    'Кәмелетке толмаған {children} мүддесінде әрекет ететін білім бөлімі {vehicle} көлік құралына қатысты мәмілеге рұқсат береді.',
    'The education department, acting in the interests of the minor(s) {children}, permits the transaction with the vehicle {vehicle}.',
  ),

  // ── Refusal letters the seeds leave «в произвольной форме»: the Russian is ours.
  'template.free_form_refusal': c(
    'Уважаемый(ая) {name}! Уведомляем Вас об отказе в оказании государственной услуги «{service}». Причина отказа: {reason}.',
    'Құрметті {name}! «{service}» мемлекеттік қызметін көрсетуден бас тартылғанын хабарлаймыз. Бас тарту себебі: {reason}.',
    'Dear {name}, the state service “{service}” is refused. Reason: {reason}.',
  ),

  // ── Seed 003: housing assistance. The notice form is in the Standard, not in the seed: composed.
  'template.housing_assistance_notice': c(
    'Уведомляем Вас о назначении жилищной помощи в размере {amount} ежемесячно на период с {periodFrom} по {periodTo}.',
    'Сізге {periodFrom} бастап {periodTo} дейінгі кезеңге ай сайын {amount} мөлшерінде тұрғын үй көмегі тағайындалғанын хабарлаймыз.',
    'We inform you that housing assistance of {amount} a month is assigned for the period {periodFrom} to {periodTo}.',
  ),
  // п.10: the six fields of the receipt.
  'template.centre_receipt': c(
    'Расписка № {number} от {acceptedOn}. Вид запрашиваемой государственной услуги: {service}. Приложенные документы ({count}): {documents}. Дата (время) и место выдачи документов: {collectOn}, {collectAt}. Работник ЦОН, принявший заявление: {operator}. Услугополучатель: {name}, телефон {phone}.',
    '{acceptedOn} жылғы № {number} қолхат. Сұралатын мемлекеттік қызмет түрі: {service}. Қоса берілген құжаттар ({count}): {documents}. Құжаттарды беру күні (уақыты) және орны: {collectOn}, {collectAt}. Өтінішті қабылдаған ХҚКО қызметкері: {operator}. Қызмет алушы: {name}, телефоны {phone}.',
    'Receipt No. {number} of {acceptedOn}. Service requested: {service}. Documents attached ({count}): {documents}. Documents issued on {collectOn} at {collectAt}. Accepted by: {operator}. Applicant: {name}, phone {phone}.',
  ),
  'template.package_refusal_receipt': c(
    'Расписка об отказе в приеме документов: пакет документов неполный. Не представлены: {missing}.',
    'Құжаттарды қабылдаудан бас тарту туралы қолхат: құжаттар топтамасы толық емес. Ұсынылмағандар: {missing}.',
    'Receipt refusing to accept the documents: the package is incomplete. Missing: {missing}.',
  ),
  'template.unclaimed_returned': c(
    'Результат не востребован в течение одного месяца и передан услугодателю по реестру {registry} ({returnedOn}).',
    'Нәтиже бір ай ішінде талап етілмеді және {registry} тізілімі бойынша қызмет берушіге берілді ({returnedOn}).',
    'The result was not collected within a month and was handed back to the provider under registry {registry} ({returnedOn}).',
  ),
} as const
