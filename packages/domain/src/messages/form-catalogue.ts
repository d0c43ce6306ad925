/**
 * The lines of the result documents, one key per printed line of the appendix forms (seed 002 Прил.3/4 of services
 * 1–7, reference/seed-housing-queue.md §3.4, seed 003). Russian is the form's wording with its blanks «___» as
 * placeholders; dates are filled as `dd.mm.yyyy`, so «от {date} года» / «{date} жылғы» read as the forms print them.
 * Where a form has an optional blank, its line has a key of its own, so a document without the datum drops the line.
 *
 * Kazakh: only service 1's labels and the heading «Хабарлама» are attested (002 L999–1050, ATY); every other Kazakh
 * line is composed (`kkComposed`) from the attested vocabulary and needs a native speaker's review.
 */
import type { Localized } from './localized.js'

/** A composed-Kazakh text; generic so the literal Russian survives and `message()` can type its placeholders. */
const c = <R extends string, K extends string, E extends string>(ru: R, kk: K, en: E) =>
  ({ ru, kk, en, kkComposed: true }) as const satisfies Localized

/** A text whose Kazakh the seeds print. */
const a = <R extends string, K extends string, E extends string>(ru: R, kk: K, en: E) =>
  ({ ru, kk, en }) as const satisfies Localized

export const formTexts = {
  // ── Shared lines: the addressee block («ФИО заявителя / Адрес / Телефон»), the heading, the refusal reason,
  // the signatories («Начальник ___ (ФИО)»).
  'form.heading.notice': a('Уведомление', 'Хабарлама', 'Notice'),
  'form.addressee.name': c('Заявитель: {name}', 'Өтініш беруші: {name}', 'Applicant: {name}'),
  'form.addressee.address': c('Адрес: {address}', 'Мекенжайы: {address}', 'Address: {address}'),
  'form.addressee.phone': c('Телефон: {phone}', 'Телефоны: {phone}', 'Phone: {phone}'),
  'form.refusal.reason': c('Причина отказа: {reason}.', 'Бас тарту себебі: {reason}.', 'Reason for refusal: {reason}.'),
  'form.position.head': c('Начальник', 'Бастық', 'Head'),
  'form.position.head_of_department': c('Начальник отдела', 'Бөлім бастығы', 'Head of department'),
  'form.position.head_of_education': c('Начальник отдела образования', 'Білім бөлімінің бастығы', 'Head of the education department'),
  'form.position.education_specialist': c('Специалист отдела образования', 'Білім бөлімінің маманы', 'Specialist of the education department'),
  // Free-form refusal letters («в произвольной форме в виде письма с текстом обоснования отказа»): the Russian is ours.
  'form.free_refusal.greeting': c('Уважаемый(ая) {name}!', 'Құрметті {name}!', 'Dear {name},'),
  'form.free_refusal.body': c(
    'Уведомляем Вас об отказе в оказании государственной услуги «{service}».',
    '«{service}» мемлекеттік қызметін көрсетуден бас тартылғанын хабарлаймыз.',
    'We inform you that the state service “{service}” is refused.',
  ),

  // ── Service 1 (002 §1 Прил.3). Labels attested in both languages.
  'form.unemployment.title': a('СПРАВКА О РЕГИСТРАЦИИ В КАЧЕСТВЕ БЕЗРАБОТНОГО', 'ЖҰМЫССЫЗДЫҚ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА', 'CERTIFICATE OF REGISTRATION AS UNEMPLOYED'),
  'form.unemployment.name': a('Ф.И.О.: {name}', 'Т.А.Ә.: {name}', 'Full name: {name}'),
  'form.unemployment.registered': a(
    'В соответствии со ст. 15 Закона Республики Казахстан "О занятости населения" зарегистрирован безработным: {registeredOn}',
    'Халықтың жұмыстылығы туралы Қазақстан Республикасы Заңының 15 бабына сәйкес, жұмыссыз ретінде тіркелген: {registeredOn}',
    'Registered as unemployed under art. 15 of the Law "On employment of the population": {registeredOn}',
  ),
  'form.unemployment.public_works': a('Участие в общественных социальных работах: {publicWorks}', 'Қоғамдық әлеуметтік жұмыстарға қатысуы: {publicWorks}', 'Public social works: {publicWorks}'),
  'form.unemployment.training': a(
    'Прошел профессиональную подготовку, повышение квалификации и переподготовку, молодежную практику: {training}',
    'Кәсіби даярлаудан біліктілігін арттыру және қайта даярлықтан жастар практикасынан өтті: {training}',
    'Vocational training, further training, retraining, youth practice: {training}',
  ),
  'form.unemployment.assistance': a(
    'Назначен(а) адресная социальная помощь, жилищная помощь: {assistance}',
    'Атаулы әлеуметтік көмек, тұрғын үй көмегі тағайындалды: {assistance}',
    'Targeted social assistance, housing assistance assigned: {assistance}',
  ),
  'form.unemployment.present_to': a('Справка дана для предъявления: {presentTo}', 'Анықтама: {presentTo} ұсыну үшін берілген', 'Issued for presentation to: {presentTo}'),
  // The sample refusal letter, its leftovers («САЛОВА…», «Иванов И.И.») replaced by the applicant and the signatory.
  'form.unemployment.refusal_to': c('Кому: {name}', 'Кімге: {name}', 'To: {name}'),
  'form.unemployment.refusal_body': c(
    'Доводим до Вашего сведения, что Вам отказано в предоставлении справки безработного.',
    'Сізге жұмыссыз анықтамасын беруден бас тартылғанын хабарлаймыз.',
    'We inform you that the unemployment certificate is refused.',
  ),

  // ── Service 2 (002 §2 Прил.4 «Выходная форма положительного ответа»; the refusal is free-form «при
  // формировании заключения комиссии», the Russian is ours).
  'form.allowance.greeting': c('Уважаемый(ая) {name}!', 'Құрметті {name}!', 'Dear {name},'),
  'form.allowance.body': c(
    'Уведомляем Вас о назначении материального обеспечения Вашему ребенку-инвалиду {childName}, обучающемуся и воспитывающемуся на дому, в размере {amount} на период с {periodFrom} по {periodTo}.',
    'Үйде оқитын және тәрбиеленетін мүгедек балаңызға {childName} {periodFrom} жылдан бастап {periodTo} жылға дейінгі кезеңге {amount} мөлшерінде материалдық қамсыздандыру тағайындалғанын хабарлаймыз.',
    'We inform you that your disabled child {childName}, educated and raised at home, is assigned an allowance of {amount} for the period {periodFrom} to {periodTo}.',
  ),
  'form.allowance.table_header': c('№ | Квартал | Год | Сумма выплаты', '№ | Тоқсан | Жыл | Төлем сомасы', 'No. | Quarter | Year | Amount paid'),
  'form.allowance.table_row': c('{n} | {quarter} | {year} | {amount}', '{n} | {quarter} | {year} | {amount}', '{n} | Q{quarter} | {year} | {amount}'),
  'form.allowance.collect': c(
    'Информируем Вас о том, что для получения материального обеспечения Вам необходимо обратиться в отдел занятости и социальных программ.',
    'Материалдық қамсыздандыруды алу үшін жұмыспен қамту және әлеуметтік бағдарламалар бөліміне жүгінуіңіз қажет екенін хабарлаймыз.',
    'To receive the allowance, please apply to the employment and social programmes department.',
  ),
  'form.allowance.specialist': c('Специалист', 'Маман', 'Specialist'),
  'form.allowance.refusal_body': c(
    'По заключению комиссии Вам отказано в назначении материального обеспечения ребенку-инвалиду {childName}.',
    'Комиссия қорытындысы бойынша мүгедек балаға {childName} материалдық қамсыздандыру тағайындаудан бас тартылды.',
    'On the commission’s conclusion the allowance for the disabled child {childName} is refused.',
  ),

  // ── Service 3 (002 §3 Прил.3): the referral, the registration notice, the refusal.
  'form.referral.title': c('НАПРАВЛЕНИЕ № {number}', 'ЖОЛДАМА № {number}', 'REFERRAL No. {number}'),
  'form.referral.body': c(
    'Для зачисления ребенка в дошкольную организацию {provider} направляет в дошкольную организацию № {organisation}, расположенную по адресу: {address}.',
    'Баланы мектепке дейінгі ұйымға қабылдау үшін {provider} мекенжайы: {address} орналасқан № {organisation} мектепке дейінгі ұйымға жолдайды.',
    'To enrol the child, {provider} refers the child to pre-school organisation No. {organisation} at {address}.',
  ),
  'form.referral.body_no_address': c(
    'Для зачисления ребенка в дошкольную организацию {provider} направляет в дошкольную организацию № {organisation}.',
    'Баланы мектепке дейінгі ұйымға қабылдау үшін {provider} № {organisation} мектепке дейінгі ұйымға жолдайды.',
    'To enrol the child, {provider} refers the child to pre-school organisation No. {organisation}.',
  ),
  'form.referral.child': c('Фамилия, имя, отчество ребенка: {childName}', 'Баланың тегі, аты, әкесінің аты: {childName}', 'Child’s full name: {childName}'),
  'form.referral.birth_date': c('Дата рождения: {birthDate}', 'Туған күні: {birthDate}', 'Date of birth: {birthDate}'),
  'form.referral.home_address': c('Домашний адрес ребенка: {address}', 'Баланың үй мекенжайы: {address}', 'Child’s home address: {address}'),
  'form.referral.issued': c('Направление выдано {issuedOn} г.', 'Жолдама {issuedOn} жылы берілді.', 'Referral issued on {issuedOn}.'),
  'form.referral.validity': c(
    'Направление должно быть предоставлено в дошкольную организацию в течение пяти дней со дня его выдачи (по {validUntil}).',
    'Жолдама берілген күнінен бастап бес күн ішінде ({validUntil} дейін) мектепке дейінгі ұйымға ұсынылуы тиіс.',
    'The referral must be presented to the organisation within five days of issue (by {validUntil}).',
  ),
  'form.preschool_notice.title': c('Уведомление о регистрации ребенка', 'Баланы тіркеу туралы хабарлама', 'Notice of the child’s registration'),
  'form.preschool_notice.body': c(
    'Настоящее уведомление выдано {parentName} в том, что {childName} поставлен(а) на очередь в Журнале регистрации детей дошкольного возраста для направления в дошкольные организации за № {journalNumber}, от {journalDate} года.',
    'Осы хабарлама {parentName} берілді, {childName} мектепке дейінгі ұйымдарға жолдау үшін мектепке дейінгі жастағы балаларды тіркеу журналында {journalDate} жылғы № {journalNumber} кезекке қойылды.',
    'This notice is issued to {parentName}: {childName} is entered in the Journal of pre-school children awaiting referral under No. {journalNumber} of {journalDate}.',
  ),
  'form.preschool_notice.control': c(
    'Потребители, состоящие в очереди на получение места в дошкольную организацию, имеют возможность осуществлять контроль продвижения своей очередности в соответствии с графиком работы (отдел, акимат), а также через электронный портал.',
    'Мектепке дейінгі ұйымда орын алу кезегінде тұрған тұтынушылар өз кезегінің жылжуын жұмыс кестесіне сәйкес (бөлім, әкімдік), сондай-ақ электрондық портал арқылы бақылай алады.',
    'Those waiting for a place can follow their progress in the queue at the department or the akimat during office hours, and on the portal.',
  ),
  'form.preschool_refusal.body': c(
    'Уважаемый (ая) {name}, уведомляем Вас о том, что Вам отказано в выдаче направления Вашему ребенку {childName} в детскую дошкольную организацию по причине: {reason}.',
    'Құрметті {name}, балаңызға {childName} мектепке дейінгі балалар ұйымына жолдама беруден бас тартылғанын хабарлаймыз, себебі: {reason}.',
    'Dear {name}, the referral of your child {childName} to a pre-school organisation is refused because: {reason}.',
  ),

  // ── Service 4 (002 §4 Прил.3): the certificate with the guardian's duties, and the register refusal.
  'form.guardianship.title': c('СПРАВКА № {number}', 'АНЫҚТАМА № {number}', 'CERTIFICATE No. {number}'),
  'form.guardianship.body': c(
    'Настоящая справка выдана гр.(ке) {name}, проживающему (ей) в {place}, в том, что он (она) согласно постановлению акимата № {decision} от {appointedOn} г. действительно назначен(а) опекуном (попечителем) над {wardName}, {wardBirthDate} года рождения, и над его (ее) имуществом.',
    'Осы анықтама {place} тұратын азамат(ша) {name} берілді, ол әкімдіктің {appointedOn} жылғы № {decision} қаулысына сәйкес {wardBirthDate} жылы туған {wardName} және оның мүлкіне қорғаншы (қамқоршы) болып шынымен тағайындалған.',
    'Issued to {name}, resident of {place}: by akimat resolution No. {decision} of {appointedOn} they are appointed guardian (trustee) of {wardName}, born {wardBirthDate}, and of the ward’s property.',
  ),
  'form.guardianship.body_no_place': c(
    'Настоящая справка выдана гр.(ке) {name} в том, что он (она) согласно постановлению акимата № {decision} от {appointedOn} г. действительно назначен(а) опекуном (попечителем) над {wardName}, {wardBirthDate} года рождения, и над его (ее) имуществом.',
    'Осы анықтама азамат(ша) {name} берілді, ол әкімдіктің {appointedOn} жылғы № {decision} қаулысына сәйкес {wardBirthDate} жылы туған {wardName} және оның мүлкіне қорғаншы (қамқоршы) болып шынымен тағайындалған.',
    'Issued to {name}: by akimat resolution No. {decision} of {appointedOn} they are appointed guardian (trustee) of {wardName}, born {wardBirthDate}, and of the ward’s property.',
  ),
  'form.guardianship.duties': c(
    'На опекуна (попечителя) возлагается обязанность о воспитании, обучении, подготовке к общественно-полезной деятельности подопечного, защищать и охранять его личные имущественные права, являться его представителем на суде и во всех государственных учреждениях без особого полномочия.',
    'Қорғаншыға (қамқоршыға) қамқорлықтағы адамды тәрбиелеу, оқыту, қоғамдық пайдалы қызметке даярлау, оның жеке мүліктік құқықтарын қорғау және сақтау, арнайы өкілеттіксіз сотта және барлық мемлекеттік мекемелерде оның өкілі болу міндеті жүктеледі.',
    'The guardian (trustee) is charged with the ward’s upbringing, education and preparation for socially useful activity, with defending and protecting the ward’s personal property rights, and with representing the ward in court and in every state institution without special authority.',
  ),
  'form.guardianship.refusal_body': c(
    'Уважаемый {name}, уведомляем Вас о том, что Вам отказано в выдаче справки по опеке и попечительству над {wardName}, {wardBirthDate} года рождения, и над его (ее) имуществом.',
    'Құрметті {name}, {wardBirthDate} жылы туған {wardName} және оның мүлкі бойынша қорғаншылық және қамқоршылық жөнінде анықтама беруден бас тартылғанын хабарлаймыз.',
    'Dear {name}, the guardianship certificate for {wardName}, born {wardBirthDate}, and the ward’s property is refused.',
  ),
  'form.guardianship.refusal_reason': c(
    'Причина отказа: запись не найдена в Электронном реестре по опеке и попечительству.',
    'Бас тарту себебі: Қорғаншылық және қамқоршылық жөніндегі электрондық тізілімде жазба табылмады.',
    'Reason for refusal: no record in the electronic guardianship register.',
  ),

  // ── Service 5 (002 §5 Прил.3, reconstructed from displaced hyperlinks, reference §5.5).
  'form.property_deal.title': c('СПРАВКА', 'АНЫҚТАМА', 'CERTIFICATE'),
  'form.property_deal.body': c(
    'Районный отдел образования, осуществляющий функции органов опеки и попечительства, согласно статьям 22-24 Гражданского кодекса Республики Казахстан, пункту 3 статьи 13 Закона Республики Казахстан "О жилищных отношениях", статье 128 Кодекса Республики Казахстан "О браке (супружестве) и семье", действующий в интересах несовершеннолетнего(-ей, -их) {children}, разрешает на {deal} недвижимого имущества, расположенного по адресу {address}.',
    'Қорғаншылық және қамқоршылық органдарының функцияларын жүзеге асыратын аудандық білім бөлімі Қазақстан Республикасы Азаматтық кодексінің 22-24-баптарына, "Тұрғын үй қатынастары туралы" Қазақстан Республикасы Заңының 13-бабының 3-тармағына, "Неке (ерлі-зайыптылық) және отбасы туралы" Қазақстан Республикасы Кодексінің 128-бабына сәйкес кәмелетке толмаған {children} мүддесінде әрекет ете отырып, {address} мекенжайында орналасқан жылжымайтын мүлікті {deal} рұқсат береді.',
    'The district education department, acting as guardianship authority under arts. 22-24 of the Civil Code, art. 13 p.3 of the Law "On housing relations" and art. 128 of the Code "On marriage (matrimony) and family", in the interests of the minor(s) {children}, permits {deal} of the immovable property at {address}.',
  ),
  'form.valid_one_month': c(
    'Справка действительна в течение 1 (одного) месяца со дня выдачи (по {validUntil}).',
    'Анықтама берілген күнінен бастап 1 (бір) ай ішінде ({validUntil} дейін) жарамды.',
    'The certificate is valid for one month from issue (until {validUntil}).',
  ),

  // ── Service 6 (002 §6 Прил.3): three addressees.
  'form.inheritance.addressee': c('Кому: {addressee}', 'Кімге: {addressee}', 'To: {addressee}'),
  'form.inheritance.pension_fund': c(
    'Отдел образования разрешает {name}, законному представителю несовершеннолетнего {children}, получить наследуемые пенсионные накопления в {addressee}, с причитающимся инвестиционным доходом, пеней и иными поступлениями в соответствии с законодательством, согласно свидетельству о праве на наследство {inheritanceCertificate}, в связи со смертью вкладчика (свидетельство о смерти {deathCertificate}).',
    'Білім бөлімі кәмелетке толмаған {children} заңды өкілі {name} мұраға қалған зейнетақы жинақтарын {addressee} тиесілі инвестициялық табысымен, өсімпұлымен және заңнамаға сәйкес өзге де түсімдерімен мұраға құқық туралы куәлікке {inheritanceCertificate} сәйкес салымшының қайтыс болуына байланысты (қайтыс болу туралы куәлік {deathCertificate}) алуға рұқсат береді.',
    'The education department permits {name}, legal representative of the minor {children}, to receive the inherited pension savings in {addressee}, with the investment income, penalties and other receipts due by law, under the certificate of inheritance {inheritanceCertificate}, following the depositor’s death (death certificate {deathCertificate}).',
  ),
  'form.inheritance.bank': c(
    'Отдел образования разрешает {name}, законному представителю несовершеннолетнего {children}, распорядиться вкладами несовершеннолетнего ребенка (детей) в {addressee}, с причитающимися инвестиционным доходом, пеней и иными поступлениями в соответствии с законодательством.',
    'Білім бөлімі кәмелетке толмаған {children} заңды өкілі {name} кәмелетке толмаған баланың (балалардың) {addressee} салымдарына тиесілі инвестициялық табысымен, өсімпұлымен және заңнамаға сәйкес өзге де түсімдерімен билік етуге рұқсат береді.',
    'The education department permits {name}, legal representative of the minor {children}, to dispose of the minor’s deposits in {addressee}, with the investment income, penalties and other receipts due by law.',
  ),
  'form.inheritance.road_police': c(
    'Отдел образования, действующий в интересах несовершеннолетнего(-ей, -их) {children}, разрешает сделку в отношении транспортного средства {vehicle}.',
    'Кәмелетке толмаған {children} мүддесінде әрекет ететін білім бөлімі {vehicle} көлік құралына қатысты мәмілеге рұқсат береді.',
    'The education department, acting in the interests of the minor(s) {children}, permits the transaction with the vehicle {vehicle}.',
  ),

  // ── Service 7, the housing waiting list (002 §7 Прил.3, reference §3.4).
  'form.housing.notice': c(
    'Ставим Вас в известность, что решением жилищной комиссии от {decisionDate} года, Вы поставлены на учет граждан, нуждающихся в жилье из государственного жилищного фонда, по категории «{category}», со дня подачи заявления от {filedOn} года № {requestNumber}, с составом семьи {familySize} человек.',
    'Тұрғын үй комиссиясының {decisionDate} жылғы шешімімен Сіз «{category}» санаты бойынша, {filedOn} жылғы № {requestNumber} өтініш берілген күннен бастап, отбасы құрамы {familySize} адам, мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаж азаматтардың есебіне қойылғаныңызды хабарлаймыз.',
    'We inform you that by decision of the housing commission of {decisionDate} you are registered among citizens in need of housing from the state housing fund, in the category “{category}”, from the date of your application of {filedOn} No. {requestNumber}, with a family of {familySize}.',
  ),
  'form.housing.queue_number': c(
    'На момент постановки на учет Ваша очередность № {n}.',
    'Есепке қойылған сәтте Сіздің кезегіңіз № {n}.',
    'At the time of registration your place in the queue is No. {n}.',
  ),
  'form.housing.refusal': c(
    'Ставим Вас в известность, что Вам (состав семьи {familySize} человек) отказано в постановке на учет граждан, нуждающихся в жилье из государственного жилищного фонда.',
    'Сізге (отбасы құрамы {familySize} адам) мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаж азаматтардың есебіне қоюдан бас тартылғанын хабарлаймыз.',
    'We inform you that you (family of {familySize}) have been refused registration among citizens in need of housing from the state housing fund.',
  ),

  // ── Seed 003: housing assistance. The notice form is in the Standard, not in the seed: composed.
  'form.housing_assistance.notice': c(
    'Уведомляем Вас о назначении жилищной помощи в размере {amount} ежемесячно на период с {periodFrom} по {periodTo}.',
    'Сізге {periodFrom} жылдан бастап {periodTo} жылға дейінгі кезеңге ай сайын {amount} мөлшерінде тұрғын үй көмегі тағайындалғанын хабарлаймыз.',
    'We inform you that housing assistance of {amount} a month is assigned for the period {periodFrom} to {periodTo}.',
  ),

  // ── Receipts (расписка) at intake: the ЦОН's for housing assistance (seed 003 п.10: the number and date of
  // acceptance, the service, the documents by count and name, the date (time) and place of issue, the operator, the
  // applicant and phones), and the one Akzhar's desk and ЦОН tables give at step 1 (000 Прил.1), whose fields the
  // seed does not list: ours, from the facts the intake has.
  'receipt.title': c('Расписка № {number}', '№ {number} қолхат', 'Receipt No. {number}'),
  'receipt.title_intake': c('Расписка о приеме документов', 'Құжаттарды қабылдау туралы қолхат', 'Receipt for the documents accepted'),
  'receipt.accepted_on': c('Дата приема заявления: {acceptedOn}', 'Өтінішті қабылдау күні: {acceptedOn}', 'Application accepted on: {acceptedOn}'),
  'receipt.service': c('Вид запрашиваемой государственной услуги: {service}', 'Сұралатын мемлекеттік қызмет түрі: {service}', 'Service requested: {service}'),
  'receipt.request_number': c('Номер заявления: {number}', 'Өтініш нөмірі: {number}', 'Application number: {number}'),
  'receipt.documents': c('Приложенные документы ({count}): {documents}', 'Қоса берілген құжаттар ({count}): {documents}', 'Documents attached ({count}): {documents}'),
  'receipt.collect': c('Дата (время) и место выдачи документов: {collectOn}, {collectAt}', 'Құжаттарды беру күні (уақыты) және орны: {collectOn}, {collectAt}', 'Documents issued on {collectOn} at {collectAt}'),
  'receipt.operator': c('Работник ЦОН, принявший заявление: {operator}', 'Өтінішті қабылдаған ХҚКО қызметкері: {operator}', 'Accepted by the centre’s employee: {operator}'),
  'receipt.applicant': c('Услугополучатель: {name}', 'Қызмет алушы: {name}', 'Applicant: {name}'),
  'receipt.phone': c('Телефон услугополучателя: {phone}', 'Қызмет алушының телефоны: {phone}', 'Applicant’s phone: {phone}'),
  'receipt.channel': c('Заявление принято: {channel}', 'Өтініш қабылданды: {channel}', 'Application accepted by: {channel}'),
  // п.11 of every seed: «Необходимую информацию и консультацию … по телефону call-центра: 1414».
  'receipt.contact_centre': c(
    'Информацию о статусе заявления можно получить в разделе «История получения услуг» на портале «электронного правительства», а также по телефону Единого контакт-центра: 1414.',
    'Өтініштің мәртебесі туралы ақпаратты «электрондық үкімет» порталындағы «Қызмет алу тарихы» бөлімінен, сондай-ақ Бірыңғай байланыс орталығының 1414 телефоны арқылы алуға болады.',
    'The application’s status is shown under “Service history” on the e-government portal, and by the Unified contact centre’s phone 1414.',
  ),

  // ── The PDF copy of a document (our wording): the signed XML is what the law (ЗРК «Об электронном документе…»
  // Art. 7) makes equal to paper; the PDF only shows its text.
  'document.pdf_copy': c(
    'Настоящий PDF является копией для печати. Юридическую силу имеет электронный документ в формате XML, подписанный ЭЦП услугодателя.',
    'Бұл PDF басып шығаруға арналған көшірме болып табылады. Заңды күші бар түпнұсқа – көрсетілетін қызметті берушінің ЭЦҚ-сымен қол қойылған XML форматындағы электрондық құжат.',
    'This PDF is a printable copy. The legal original is the electronic document in XML signed with the provider’s digital signature.',
  ),

  // п.10 of the seeds 000–002: «Способ проверки получателем статуса исполнения запроса: на портале … в разделе
  // «История получения услуг», а также при обращении к услугодателю или в Центр», on the status screen.
  'contact_centre.status_channels': c(
    'Статус исполнения заявления можно проверить на портале «электронного правительства» в разделе «История получения услуг», а также при обращении к услугодателю или в Центр обслуживания населения.',
    'Өтініштің орындалу мәртебесін «электрондық үкімет» порталындағы «Қызмет алу тарихы» бөлімінен, сондай-ақ көрсетілетін қызметті берушіге немесе Халыққа қызмет көрсету орталығына жүгіну арқылы тексеруге болады.',
    'The status can be checked on the e-government portal under “Service history”, or by asking the provider or the public service centre.',
  ),
  // п.11 of every seed but 003: «Необходимую информацию и консультацию … по телефону call-центра: 1414», on the status screen.
  'contact_centre.status_screen': c(
    'Необходимую информацию и консультацию по оказанию услуги можно получить по телефону Единого контакт-центра: 1414.',
    'Қызмет көрсету туралы қажетті ақпарат пен кеңесті Бірыңғай байланыс орталығының 1414 телефоны арқылы алуға болады.',
    'Information and advice on the service: the Unified contact centre, phone 1414.',
  ),

  // ── Notices in the portal's «Уведомления» («Произвольная строка с текстом уведомления», 002 §1–2, §4–7 Прил.3):
  // the wording is ours.
  'notice.status_changed': c(
    'Статус заявления № {number} на услугу «{service}» изменен: {status}.',
    '«{service}» қызметіне № {number} өтініштің мәртебесі өзгерді: {status}.',
    'The status of application No. {number} for “{service}” changed: {status}.',
  ),
  'notice.result_ready': c(
    'Результат оказания услуги «{service}» по заявлению № {number} готов ({status}). Его можно просмотреть в личном кабинете: «Просмотр результата».',
    '№ {number} өтініш бойынша «{service}» қызметін көрсету нәтижесі дайын ({status}). Оны жеке кабинетте қарауға болады: «Нәтижені қарау».',
    'The result of “{service}” for application No. {number} is ready ({status}). View it in your personal cabinet: “View result”.',
  ),

  'notice.deadline_extended': c(
    'Срок оказания услуги «{service}» по заявлению № {number} продлен до {until}. Основание: {ground}.',
    '№ {number} өтініш бойынша «{service}» қызметін көрсету мерзімі {until} дейін ұзартылды. Негіздеме: {ground}.',
    'The term of “{service}” for application No. {number} is extended to {until}. Ground: {ground}.',
  ),
  // Why a term is extended (application/extension-ground.ts): the seeds name no grounds; the wording is ours.
  'extension_ground.documents_requested': c(
    'запрос документов (сведений) в других государственных органах и организациях',
    'басқа мемлекеттік органдар мен ұйымдардан құжаттарды (мәліметтерді) сұрату',
    'documents (information) requested from other state bodies and organisations',
  ),
  'extension_ground.inspection': c('обследование условий проживания (имущества)', 'тұрғын үй жағдайларын (мүлікті) тексеру', 'an inspection of the living conditions (the property)'),
  'extension_ground.additional_check': c('дополнительное изучение (проверка) представленных документов', 'ұсынылған құжаттарды қосымша зерделеу (тексеру)', 'an additional study (check) of the documents submitted'),

  // ── Housing categories (Law «О жилищных отношениях» Art. 67–68), as the notice names them «по категории «___»».
  'category.war_veterans': c('участники и инвалиды Великой Отечественной войны', 'Ұлы Отан соғысының қатысушылары мен мүгедектері', 'participants and disabled veterans of the Great Patriotic War'),
  'category.orphans': c('дети-сироты и дети, оставшиеся без попечения родителей', 'жетім балалар және ата-анасының қамқорлығынсыз қалған балалар', 'orphans and children left without parental care'),
  'category.socially_vulnerable': c('социально уязвимые слои населения', 'халықтың әлеуметтік осал топтары', 'socially vulnerable groups'),
  'category.state_employees': c(
    'государственные служащие, работники бюджетных организаций, военнослужащие',
    'мемлекеттік қызметшілер, бюджеттік ұйымдардың қызметкерлері, әскери қызметшілер',
    'civil servants, budget-sector employees, military servants',
  ),
  'category.emergency_dwelling': c('граждане, единственное жилище которых признано аварийным', 'жалғыз тұрғын үйі апатты деп танылған азаматтар', 'citizens whose only dwelling is recognised as emergency'),
} as const
