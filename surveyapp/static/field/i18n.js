// The interviewer app's own words in Spanish, English, Portuguese and French. (The
// questionnaire's words come from the instrument, in the language of the interview.)
//
// The language list and names come from the server (surveyapp.i18n, written into the page as
// <meta name="field-languages">); COLUMNS says which language each entry of TEXTS is in, and a
// test holds it to the server's list.

export const COLUMNS = ['es', 'en', 'pt', 'fr'];

function serverLanguages() {
  const meta = typeof document !== 'undefined' && document.querySelector('meta[name="field-languages"]');
  if (meta) {
    try {
      return JSON.parse(meta.content);
    } catch {
      /* fall through */
    }
  }
  return COLUMNS.map((code) => [code, code]);
}

/** [[code, own name], ...] of the languages the app speaks. */
export const LANGUAGES = serverLanguages().filter(([code]) => COLUMNS.includes(code));

export const TEXTS = {
  app_title: ['Entrevistas', 'Interviews', 'Entrevistas', 'Entretiens'],
  login_intro: [
    'Inicie sesión una vez con conexión: la aplicación descarga sus asignaciones y después funciona sin red.',
    'Log in once while online: the app downloads your assignments and then works without a network.',
    'Entre uma vez com conexão: o aplicativo baixa suas atribuições e depois funciona sem rede.',
    'Connectez-vous une fois en ligne : l’application télécharge vos affectations puis fonctionne sans réseau.'],
  email: ['Correo electrónico', 'Email address', 'E-mail', 'Adresse e-mail'],
  password: ['Contraseña', 'Password', 'Senha', 'Mot de passe'],
  device: ['Nombre de este dispositivo', 'Name of this device', 'Nome deste dispositivo', 'Nom de cet appareil'],
  device_hint: ['Por ejemplo «Tableta 7». Su supervisor lo ve y puede desconectarlo.', 'For example “Tablet 7”. Your supervisor sees it and can disconnect it.', 'Por exemplo “Tablet 7”. Seu supervisor o vê e pode desconectá-lo.', 'Par exemple « Tablette 7 ». Votre superviseur le voit et peut le déconnecter.'],
  otp_code: ['Código de verificación (aplicación de autenticación)', 'Verification code (authenticator app)', 'Código de verificação (aplicativo autenticador)', 'Code de vérification (application d’authentification)'],
  log_in: ['Iniciar sesión', 'Log in', 'Entrar', 'Se connecter'],
  login_fill: ['Escriba su correo, su contraseña y el nombre del dispositivo.', 'Enter your email address, your password and the device name.', 'Digite seu e-mail, sua senha e o nome do dispositivo.', 'Saisissez votre e-mail, votre mot de passe et le nom de l’appareil.'],
  login_offline: ['Sin conexión: para iniciar sesión la tableta necesita red.', 'No connection: the tablet needs a network to log in.', 'Sem conexão: o tablet precisa de rede para entrar.', 'Pas de connexion : la tablette a besoin du réseau pour se connecter.'],
  session_expired: ['Su sesión expiró o fue revocada. Inicie sesión de nuevo: sus entrevistas siguen en este dispositivo.', 'Your login expired or was revoked. Log in again: your interviews are still on this device.', 'Sua sessão expirou ou foi revogada. Entre novamente: suas entrevistas continuam neste dispositivo.', 'Votre session a expiré ou a été révoquée. Reconnectez-vous : vos entretiens sont toujours sur cet appareil.'],
  language: ['Idioma de la aplicación', 'App language', 'Idioma do aplicativo', 'Langue de l’application'],
  online: ['En línea', 'Online', 'On-line', 'En ligne'],
  offline: ['Sin conexión', 'Offline', 'Sem conexão', 'Hors ligne'],
  sending: ['enviando…', 'sending…', 'enviando…', 'envoi…'],
  n_waiting: ['{n} por enviar', '{n} waiting to send', '{n} a enviar', '{n} à envoyer'],
  my_interviews: ['Mis entrevistas', 'My interviews', 'Minhas entrevistas', 'Mes entretiens'],
  no_assignments: ['No tiene asignaciones. Sincronice cuando su supervisor le asigne viviendas.', 'You have no assignments. Sync when your supervisor assigns you households.', 'Você não tem atribuições. Sincronize quando seu supervisor lhe atribuir domicílios.', 'Vous n’avez pas d’affectation. Synchronisez quand votre superviseur vous attribue des ménages.'],
  not_assigned_any_more: ['Ya no asignadas a usted', 'No longer assigned to you', 'Não mais atribuídas a você', 'Plus attribués à vous'],
  not_assigned_hint: ['Estas entrevistas siguen en el dispositivo. Envíelas: su supervisor decidirá.', 'These interviews are still on the device. Send them: your supervisor will decide.', 'Estas entrevistas continuam no dispositivo. Envie-as: seu supervisor decidirá.', 'Ces entretiens sont toujours sur l’appareil. Envoyez-les : votre superviseur décidera.'],
  update_ready: ['Hay una versión nueva de la aplicación. Sus entrevistas se conservan.', 'A new version of the app is ready. Your interviews are kept.', 'Há uma nova versão do aplicativo. Suas entrevistas são mantidas.', 'Une nouvelle version de l’application est prête. Vos entretiens sont conservés.'],
  update_now: ['Actualizar ahora', 'Update now', 'Atualizar agora', 'Mettre à jour'],
  last_sync: ['Última sincronización: {at}', 'Last sync: {at}', 'Última sincronização: {at}', 'Dernière synchronisation : {at}'],
  never_synced: ['Nunca sincronizado', 'Never synced', 'Nunca sincronizado', 'Jamais synchronisé'],
  no_connection_retry: ['Sin conexión con el servidor: se reintentará solo.', 'No connection to the server: it will try again by itself.', 'Sem conexão com o servidor: tentará novamente sozinho.', 'Pas de connexion au serveur : nouvel essai automatique.'],
  send_now: ['Enviar ahora', 'Send now', 'Enviar agora', 'Envoyer maintenant'],
  not_started: ['Sin empezar', 'Not started', 'Não iniciada', 'Non commencé'],
  state_draft: ['Borrador', 'Draft', 'Rascunho', 'Brouillon'],
  state_outbox: ['Por enviar', 'Waiting to send', 'A enviar', 'À envoyer'],
  state_sent: ['Enviada', 'Sent', 'Enviada', 'Envoyé'],
  state_returned: ['Devuelta por el supervisor', 'Sent back by supervisor', 'Devolvida pelo supervisor', 'Renvoyé par le superviseur'],
  state_approved: ['Aprobada', 'Approved', 'Aprovada', 'Approuvé'],
  state_refused: ['Rechazada por el servidor', 'Refused by the server', 'Recusada pelo servidor', 'Refusé par le serveur'],
  start: ['Empezar entrevista', 'Start interview', 'Iniciar entrevista', 'Commencer l’entretien'],
  continue: ['Continuar', 'Continue', 'Continuar', 'Continuer'],
  fix: ['Corregir', 'Fix', 'Corrigir', 'Corriger'],
  reopen: ['Reabrir', 'Reopen', 'Reabrir', 'Rouvrir'],
  confirm_reopen: ['¿Reabrir esta entrevista? No se enviará hasta que la termine de nuevo.', 'Reopen this interview? It will not be sent until you finish it again.', 'Reabrir esta entrevista? Ela não será enviada até que você a termine novamente.', 'Rouvrir cet entretien ? Il ne sera pas envoyé avant que vous le terminiez à nouveau.'],
  supervisor_says: ['Comentario del supervisor', 'Supervisor’s comment', 'Comentário do supervisor', 'Commentaire du superviseur'],
  this_device: ['Este dispositivo', 'This device', 'Este dispositivo', 'Cet appareil'],
  storage_space: ['Espacio: {used} usados, {free} libres', 'Storage: {used} used, {free} free', 'Espaço: {used} usados, {free} livres', 'Stockage : {used} utilisés, {free} libres'],
  storage_low: ['¡Queda poco espacio! Sincronice y libere espacio en la tableta antes de seguir.', 'Storage is running out! Sync and free space on the tablet before going on.', 'Pouco espaço! Sincronize e libere espaço no tablet antes de continuar.', 'Espace presque plein ! Synchronisez et libérez de la place avant de continuer.'],
  storage_persistent: ['Almacenamiento persistente: el navegador no borrará las entrevistas por falta de espacio.', 'Persistent storage: the browser will not delete interviews to free space.', 'Armazenamento persistente: o navegador não apagará as entrevistas por falta de espaço.', 'Stockage persistant : le navigateur ne supprimera pas les entretiens pour libérer de l’espace.'],
  storage_best_effort: ['Almacenamiento no persistente: el navegador podría borrar datos si falta espacio. Instale la aplicación en la pantalla de inicio y sincronice a menudo.', 'Storage is not persistent: the browser may delete data when space runs low. Install the app on the home screen and sync often.', 'Armazenamento não persistente: o navegador pode apagar dados se faltar espaço. Instale o aplicativo na tela inicial e sincronize com frequência.', 'Stockage non persistant : le navigateur peut supprimer des données si l’espace manque. Installez l’application sur l’écran d’accueil et synchronisez souvent.'],
  ask_persistent: ['Pedir almacenamiento persistente', 'Ask for persistent storage', 'Pedir armazenamento persistente', 'Demander un stockage persistant'],
  log_out: ['Cerrar sesión', 'Log out', 'Sair', 'Se déconnecter'],
  cannot_log_out: ['No puede cerrar sesión: hay {n} entrevista(s) sin enviar en este dispositivo. Envíelas primero.', 'You cannot log out: {n} interview(s) on this device are not sent. Send them first.', 'Você não pode sair: há {n} entrevista(s) não enviada(s) neste dispositivo. Envie-as primeiro.', 'Déconnexion impossible : {n} entretien(s) non envoyé(s) sur cet appareil. Envoyez-les d’abord.'],
  log_out_offline: ['Sin conexión: cierre sesión cuando tenga red.', 'Offline: log out when you have a connection.', 'Sem conexão: saia quando tiver rede.', 'Hors ligne : déconnectez-vous quand vous aurez du réseau.'],
  app_version: ['Versión', 'Version', 'Versão', 'Version'],
  instrument_missing: ['El cuestionario no está en el dispositivo: sincronice con conexión.', 'The questionnaire is not on this device: sync while online.', 'O questionário não está no dispositivo: sincronize com conexão.', 'Le questionnaire n’est pas sur l’appareil : synchronisez en ligne.'],
  interview_language: ['Idioma de la entrevista', 'Interview language', 'Idioma da entrevista', 'Langue de l’entretien'],
  interview_language_hint: ['¿En qué idioma responde la persona?', 'Which language does the respondent answer in?', 'Em que idioma a pessoa responde?', 'Dans quelle langue la personne répond-elle ?'],
  cancel: ['Cancelar', 'Cancel', 'Cancelar', 'Annuler'],
  not_found: ['Esa entrevista no está en este dispositivo.', 'That interview is not on this device.', 'Essa entrevista não está neste dispositivo.', 'Cet entretien n’est pas sur cet appareil.'],
  open_elsewhere_title: ['Entrevista abierta en otra ventana', 'Interview open in another window', 'Entrevista aberta em outra janela', 'Entretien ouvert dans une autre fenêtre'],
  open_elsewhere: ['Esta entrevista está abierta en otra pestaña o ventana. Ciérrela allí para seguir aquí.', 'This interview is open in another tab or window. Close it there to go on here.', 'Esta entrevista está aberta em outra aba ou janela. Feche-a lá para continuar aqui.', 'Cet entretien est ouvert dans un autre onglet ou une autre fenêtre. Fermez-le là-bas pour continuer ici.'],
  changed_elsewhere: ['La entrevista cambió en otra pestaña o ventana. Vuelva a abrirla para ver la versión guardada.', 'The interview was changed in another tab or window. Open it again to see the saved version.', 'A entrevista mudou em outra aba ou janela. Abra-a novamente para ver a versão salva.', 'L’entretien a été modifié dans un autre onglet ou une autre fenêtre. Rouvrez-le pour voir la version enregistrée.'],
  reload: ['Volver a abrir', 'Open again', 'Abrir novamente', 'Rouvrir'],
  back_to_list: ['Volver a la lista', 'Back to the list', 'Voltar à lista', 'Retour à la liste'],
  next: ['Siguiente', 'Next', 'Próximo', 'Suivant'],
  back: ['Anterior', 'Back', 'Anterior', 'Précédent'],
  save_close: ['Guardar y cerrar', 'Save and close', 'Salvar e fechar', 'Enregistrer et fermer'],
  review_finish: ['Revisar y terminar', 'Review and finish', 'Revisar e terminar', 'Vérifier et terminer'],
  fix_errors: ['Corrija lo siguiente:', 'Fix the following:', 'Corrija o seguinte:', 'Corrigez ce qui suit :'],
  progress: ['{done} de {total} páginas', '{done} of {total} pages', '{done} de {total} páginas', '{done} pages sur {total}'],
  complete_ready: ['Todas las preguntas obligatorias tienen respuesta.', 'Every required question is answered.', 'Todas as perguntas obrigatórias foram respondidas.', 'Toutes les questions obligatoires ont une réponse.'],
  incomplete: ['Faltan respuestas obligatorias en estas páginas:', 'Required answers are missing on these pages:', 'Faltam respostas obrigatórias nestas páginas:', 'Des réponses obligatoires manquent sur ces pages :'],
  finish_send: ['Terminar y enviar', 'Finish and send', 'Terminar e enviar', 'Terminer et envoyer'],
  saved_for_sending: ['Entrevista guardada: se enviará en cuanto haya conexión.', 'Interview saved: it will be sent as soon as there is a connection.', 'Entrevista salva: será enviada assim que houver conexão.', 'Entretien enregistré : il sera envoyé dès qu’il y aura une connexion.'],
  break_off: ['La entrevista se interrumpió', 'The interview was broken off', 'A entrevista foi interrompida', 'L’entretien a été interrompu'],
  break_off_hint: ['Use esto solo si la persona no quiere o no puede seguir. Se enviará como entrevista parcial.', 'Use this only if the respondent will not or cannot go on. It is sent as a partial interview.', 'Use isto apenas se a pessoa não quiser ou não puder continuar. Será enviada como entrevista parcial.', 'N’utilisez ceci que si la personne ne veut ou ne peut pas continuer. Il sera envoyé comme entretien partiel.'],
  break_off_confirm: ['Enviar como parcial', 'Send as partial', 'Enviar como parcial', 'Envoyer comme partiel'],
  or: ['o', 'or', 'ou', 'ou'],
  record_visit: ['Registrar visita', 'Record a visit', 'Registrar visita', 'Enregistrer une visite'],
  n_visits: ['{n} visita(s) · última: {outcome}', '{n} visit(s) · last: {outcome}', '{n} visita(s) · última: {outcome}', '{n} visite(s) · dernière : {outcome}'],
  interviewed_elsewhere: ['Esta vivienda ya fue entrevistada por otra persona: hable con su supervisor.', 'This household was already interviewed by someone else: talk to your supervisor.', 'Este domicílio já foi entrevistado por outra pessoa: fale com seu supervisor.', 'Ce ménage a déjà été interrogé par quelqu’un d’autre : parlez à votre superviseur.'],
  visit_outcome: ['¿Qué pasó en esta visita?', 'What happened on this visit?', 'O que aconteceu nesta visita?', 'Que s’est-il passé lors de cette visite ?'],
  outcome_no_contact: ['No se encontró a nadie', 'Nobody was reached', 'Ninguém foi encontrado', 'Personne n’a été joint'],
  outcome_appointment: ['Contacto: volver otro día (cita)', 'Contact made: come back (appointment)', 'Contato: voltar outro dia (agendamento)', 'Contact : revenir (rendez-vous)'],
  outcome_refusal: ['Rechazo', 'Refusal', 'Recusa', 'Refus'],
  outcome_not_eligible: ['No elegible (deshabitada, no es vivienda, fuera de la población)', 'Not eligible (vacant, not a dwelling, outside the population)', 'Não elegível (vazio, não é domicílio, fora da população)', 'Non éligible (vacant, pas un logement, hors population)'],
  outcome_language: ['Barrera de idioma', 'Language barrier', 'Barreira de idioma', 'Barrière de langue'],
  outcome_incapacity: ['Incapacidad (enfermedad, discapacidad)', 'Incapacity (illness, disability)', 'Incapacidade (doença, deficiência)', 'Incapacité (maladie, handicap)'],
  outcome_other: ['Otro', 'Other', 'Outro', 'Autre'],
  visit_note: ['Nota (opcional)', 'Note (optional)', 'Nota (opcional)', 'Note (facultative)'],
  save_visit: ['Guardar visita', 'Save the visit', 'Salvar visita', 'Enregistrer la visite'],
  visit_choose: ['Elija qué pasó en la visita.', 'Choose what happened on the visit.', 'Escolha o que aconteceu na visita.', 'Choisissez ce qui s’est passé lors de la visite.'],
  visit_note_long: ['La nota puede tener como máximo 2000 caracteres.', 'The note can be at most 2,000 characters.', 'A nota pode ter no máximo 2.000 caracteres.', 'La note peut compter au plus 2 000 caractères.'],
  visit_saved: ['Visita guardada: se enviará con la próxima sincronización.', 'Visit saved: it is sent with the next sync.', 'Visita salva: será enviada na próxima sincronização.', 'Visite enregistrée : elle sera envoyée à la prochaine synchronisation.'],
  household_title: ['Hogar y persona seleccionada', 'Household and selected adult', 'Domicílio e pessoa selecionada', 'Ménage et adulte sélectionné'],
  household_hint: ['Anote a todas las personas que viven en el hogar. La aplicación elige al adulto que se entrevista; cada sorteo queda registrado.', 'List everyone who lives in the household. The app chooses the adult to interview; every draw is recorded.', 'Anote todas as pessoas que moram no domicílio. O aplicativo escolhe o adulto a entrevistar; cada sorteio fica registrado.', 'Notez toutes les personnes qui vivent dans le ménage. L’application choisit l’adulte à interroger ; chaque tirage est enregistré.'],
  household_missing: ['Falta la lista del hogar y la selección del adulto.', 'The household list and the selection of the adult are missing.', 'Faltam a lista do domicílio e a seleção do adulto.', 'La liste du ménage et la sélection de l’adulte manquent.'],
  method_kish: ['Selección por tabla de Kish', 'Kish grid selection', 'Seleção pela tabela de Kish', 'Sélection par la table de Kish'],
  method_next_birthday: ['Selección por próximo cumpleaños', 'Next-birthday selection', 'Seleção pelo próximo aniversário', 'Sélection par le prochain anniversaire'],
  method_last_birthday: ['Selección por último cumpleaños', 'Last-birthday selection', 'Seleção pelo último aniversário', 'Sélection par le dernier anniversaire'],
  person_n: ['Persona {n}', 'Person {n}', 'Pessoa {n}', 'Personne {n}'],
  initials: ['Iniciales', 'Initials', 'Iniciais', 'Initiales'],
  sex_m: ['Hombre', 'Man', 'Homem', 'Homme'],
  sex_f: ['Mujer', 'Woman', 'Mulher', 'Femme'],
  sex_x: ['Otro', 'Other', 'Outro', 'Autre'],
  age: ['Edad (años cumplidos)', 'Age (years)', 'Idade (anos completos)', 'Âge (ans révolus)'],
  birthday: ['Cumpleaños (MM-DD)', 'Birthday (MM-DD)', 'Aniversário (MM-DD)', 'Anniversaire (MM-JJ)'],
  add_person: ['Añadir persona', 'Add a person', 'Adicionar pessoa', 'Ajouter une personne'],
  select_adult: ['Seleccionar al adulto', 'Select the adult', 'Selecionar o adulto', 'Sélectionner l’adulte'],
  select_again: ['Seleccionar de nuevo (queda registrado)', 'Select again (it is recorded)', 'Selecionar novamente (fica registrado)', 'Sélectionner à nouveau (c’est enregistré)'],
  confirm_draw_again: ['Ya se seleccionó a un adulto. Un nuevo sorteo queda registrado y su supervisor lo verá. ¿Continuar?', 'An adult was already selected. A new draw is recorded and your supervisor will see it. Go on?', 'Um adulto já foi selecionado. Um novo sorteio fica registrado e seu supervisor o verá. Continuar?', 'Un adulte a déjà été sélectionné. Un nouveau tirage est enregistré et votre superviseur le verra. Continuer ?'],
  selected_adult: ['Entreviste a {initials} (persona {line}), entre {n} adulto(s).', 'Interview {initials} (person {line}), one of {n} adult(s).', 'Entreviste {initials} (pessoa {line}), entre {n} adulto(s).', 'Interrogez {initials} (personne {line}), parmi {n} adulte(s).'],
  draws_recorded: ['{n} sorteos registrados.', '{n} draws recorded.', '{n} sorteios registrados.', '{n} tirages enregistrés.'],
  to_questionnaire: ['Empezar el cuestionario', 'Start the questionnaire', 'Iniciar o questionário', 'Commencer le questionnaire'],
  roster_empty: ['Anote al menos una persona.', 'List at least one person.', 'Anote pelo menos uma pessoa.', 'Notez au moins une personne.'],
  roster_initials: ['Persona {n}: escriba sus iniciales.', 'Person {n}: enter their initials.', 'Pessoa {n}: digite as iniciais.', 'Personne {n} : saisissez ses initiales.'],
  roster_sex: ['Persona {n}: elija hombre, mujer u otro.', 'Person {n}: choose man, woman or other.', 'Pessoa {n}: escolha homem, mulher ou outro.', 'Personne {n} : choisissez homme, femme ou autre.'],
  roster_age: ['Persona {n}: escriba la edad en años (0 a 120).', 'Person {n}: enter the age in years (0 to 120).', 'Pessoa {n}: digite a idade em anos (0 a 120).', 'Personne {n} : saisissez l’âge en années (0 à 120).'],
  roster_birthday: ['Persona {n}: escriba el cumpleaños como MM-DD, por ejemplo 07-14.', 'Person {n}: enter the birthday as MM-DD, for example 07-14.', 'Pessoa {n}: digite o aniversário como MM-DD, por exemplo 07-14.', 'Personne {n} : saisissez l’anniversaire en MM-JJ, par exemple 07-14.'],
  no_adult: ['Nadie del hogar tiene 18 años o más: registre una visita «No elegible».', 'Nobody in the household is 18 or older: record a “Not eligible” visit.', 'Ninguém no domicílio tem 18 anos ou mais: registre uma visita “Não elegível”.', 'Personne dans le ménage n’a 18 ans ou plus : enregistrez une visite « Non éligible ».'],
  something_wrong: ['Algo salió mal', 'Something went wrong', 'Algo deu errado', 'Une erreur s’est produite'],
  storage_full: ['El almacenamiento del dispositivo está lleno: lo último no se pudo guardar (lo anterior sí está guardado). Sincronice y libere espacio.', 'The device storage is full: the last change could not be saved (everything before it is). Sync and free space.', 'O armazenamento do dispositivo está cheio: a última alteração não pôde ser salva (o anterior está salvo). Sincronize e libere espaço.', 'Le stockage de l’appareil est plein : la dernière modification n’a pas pu être enregistrée (le reste l’est). Synchronisez et libérez de l’espace.'],
  app_failed: ['La aplicación no pudo arrancar:', 'The app could not start:', 'O aplicativo não pôde iniciar:', 'L’application n’a pas pu démarrer :'],
};

const INDEX = Object.fromEntries(COLUMNS.map((code, i) => [code, i]));
const storage = typeof localStorage !== 'undefined' ? localStorage : null;
let current = pick();

function pick() {
  const saved = storage && storage.getItem('field-ui-lang');
  if (saved && saved in INDEX) return saved;
  const nav = typeof navigator !== 'undefined' ? navigator : {};
  for (const tag of nav.languages || [nav.language || 'es']) {
    const code = String(tag).slice(0, 2).toLowerCase();
    if (code in INDEX) return code;
  }
  return 'es';
}

export function uiLanguage() {
  return current;
}

export function setLanguage(code) {
  if (!(code in INDEX)) return;
  current = code;
  if (storage) storage.setItem('field-ui-lang', code);
  if (typeof document !== 'undefined') document.documentElement.lang = code;
}

/** The text `key` in the app's language, with {name} placeholders filled from `values`. */
export function t(key, values = {}) {
  const entry = TEXTS[key];
  if (!entry) return key;
  return entry[INDEX[current]].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

export const KEYS = Object.keys(TEXTS);
