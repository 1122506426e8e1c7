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
    'Connectez-vous une fois en ligne\u00a0: l’application télécharge vos affectations puis fonctionne sans réseau.'],
  email: ['Correo electrónico', 'Email address', 'E-mail', 'Adresse e-mail'],
  password: ['Contraseña', 'Password', 'Senha', 'Mot de passe'],
  device: ['Nombre de este dispositivo', 'Name of this device', 'Nome deste dispositivo', 'Nom de cet appareil'],
  device_hint: ['Por ejemplo «Tableta 7»: un nombre propio para cada tableta, para que su supervisor la reconozca. Lo ve y puede desconectarla.', 'For example “Tablet 7”: a name of its own for each tablet, so that your supervisor recognises it. Your supervisor sees it and can disconnect it.', 'Por exemplo “Tablet 7”: um nome próprio para cada tablet, para que seu supervisor o reconheça. Ele o vê e pode desconectá-lo.', 'Par exemple «\u00a0Tablette 7\u00a0»\u00a0: un nom propre à chaque tablette, pour que votre superviseur la reconnaisse. Il le voit et peut la déconnecter.'],
  otp_code: ['Código de verificación (aplicación de autenticación)', 'Verification code (authenticator app)', 'Código de verificação (aplicativo autenticador)', 'Code de vérification (application d’authentification)'],
  log_in: ['Iniciar sesión', 'Log in', 'Entrar', 'Se connecter'],
  login_fill: ['Escriba su correo, su contraseña y el nombre del dispositivo.', 'Enter your email address, your password and the device name.', 'Digite seu e-mail, sua senha e o nome do dispositivo.', 'Saisissez votre e-mail, votre mot de passe et le nom de l’appareil.'],
  login_offline: ['Sin conexión: para iniciar sesión la tableta necesita red.', 'No connection: the tablet needs a network to log in.', 'Sem conexão: o tablet precisa de rede para entrar.', 'Pas de connexion\u00a0: la tablette a besoin du réseau pour se connecter.'],
  session_expired: ['Su sesión expiró o fue revocada. Inicie sesión de nuevo: sus entrevistas siguen en este dispositivo.', 'Your login expired or was revoked. Log in again: your interviews are still on this device.', 'Sua sessão expirou ou foi revogada. Entre novamente: suas entrevistas continuam neste dispositivo.', 'Votre session a expiré ou a été révoquée. Reconnectez-vous\u00a0: vos entretiens sont toujours sur cet appareil.'],
  language: ['Idioma de la aplicación', 'App language', 'Idioma do aplicativo', 'Langue de l’application'],
  online: ['En línea', 'Online', 'On-line', 'En ligne'],
  offline: ['Sin conexión', 'Offline', 'Sem conexão', 'Hors ligne'],
  sending: ['enviando…', 'sending…', 'enviando…', 'envoi…'],
  n_waiting: ['{n} por enviar', '{n} waiting to send', '{n} a enviar', '{n} à envoyer'],
  my_interviews: ['Mis entrevistas', 'My interviews', 'Minhas entrevistas', 'Mes entretiens'],
  no_assignments: ['No tiene asignaciones. Sincronice cuando su supervisor le asigne viviendas.', 'You have no assignments. Sync when your supervisor assigns you households.', 'Você não tem atribuições. Sincronize quando seu supervisor lhe atribuir domicílios.', 'Vous n’avez pas d’affectation. Synchronisez quand votre superviseur vous attribue des ménages.'],
  not_assigned_any_more: ['Ya no asignadas a usted', 'No longer assigned to you', 'Não mais atribuídas a você', 'Plus attribués à vous'],
  not_assigned_hint: ['Estas entrevistas siguen en el dispositivo. Envíelas: su supervisor decidirá.', 'These interviews are still on the device. Send them: your supervisor will decide.', 'Estas entrevistas continuam no dispositivo. Envie-as: seu supervisor decidirá.', 'Ces entretiens sont toujours sur l’appareil. Envoyez-les\u00a0: votre superviseur décidera.'],
  update_ready: ['Hay una versión nueva de la aplicación. Sus entrevistas se conservan.', 'A new version of the app is ready. Your interviews are kept.', 'Há uma nova versão do aplicativo. Suas entrevistas são mantidas.', 'Une nouvelle version de l’application est prête. Vos entretiens sont conservés.'],
  update_now: ['Actualizar ahora', 'Update now', 'Atualizar agora', 'Mettre à jour'],
  last_sync: ['Última sincronización: {at}', 'Last sync: {at}', 'Última sincronização: {at}', 'Dernière synchronisation\u00a0: {at}'],
  never_synced: ['Nunca sincronizado', 'Never synced', 'Nunca sincronizado', 'Jamais synchronisé'],
  no_connection_retry: ['Sin conexión con el servidor: se reintentará solo.', 'No connection to the server: it will try again by itself.', 'Sem conexão com o servidor: tentará novamente sozinho.', 'Pas de connexion au serveur\u00a0: nouvel essai automatique.'],
  send_now: ['Enviar ahora', 'Send now', 'Enviar agora', 'Envoyer maintenant'],
  not_started: ['Sin empezar', 'Not started', 'Não iniciada', 'Non commencé'],
  state_draft: ['Borrador', 'Draft', 'Rascunho', 'Brouillon'],
  state_outbox: ['Por enviar', 'Waiting to send', 'A enviar', 'À envoyer'],
  state_sent: ['Enviada', 'Sent', 'Enviada', 'Envoyé'],
  state_returned: ['Devuelta por el supervisor', 'Sent back by supervisor', 'Devolvida pelo supervisor', 'Renvoyé par le superviseur'],
  state_approved: ['Aprobada', 'Approved', 'Aprovada', 'Approuvé'],
  state_refused: ['Rechazada por el servidor', 'Refused by the server', 'Recusada pelo servidor', 'Refusé par le serveur'],
  // A household's card after a visit that closed it (cards.js cardState); 'refused' above is the server's refusal.
  state_refusal: ['Rechazo', 'Refused', 'Recusa', 'Refus'],
  state_not_eligible: ['No elegible', 'Not eligible', 'Não elegível', 'Non éligible'],
  start: ['Empezar entrevista', 'Start interview', 'Iniciar entrevista', 'Commencer l’entretien'],
  continue: ['Continuar', 'Continue', 'Continuar', 'Continuer'],
  fix: ['Corregir', 'Fix', 'Corrigir', 'Corriger'],
  reopen: ['Reabrir', 'Reopen', 'Reabrir', 'Rouvrir'],
  confirm_reopen: ['¿Reabrir esta entrevista? No se enviará hasta que la termine de nuevo.', 'Reopen this interview? It will not be sent until you finish it again.', 'Reabrir esta entrevista? Ela não será enviada até que você a termine novamente.', 'Rouvrir cet entretien\u00a0? Il ne sera pas envoyé avant que vous le terminiez à nouveau.'],
  from_roster: ['Completado con la lista del hogar: confírmelo con la persona entrevistada.', 'Filled in from the household list: confirm it with the respondent.', 'Preenchido com a lista do domicílio: confirme com a pessoa entrevistada.', 'Rempli d’après la liste du ménage\u00a0: confirmez-le avec la personne interrogée.'],
  supervisor_says: ['Comentario del supervisor', 'Supervisor’s comment', 'Comentário do supervisor', 'Commentaire du superviseur'],
  // A label and what it says: French puts a space before the colon.
  labelled: ['{label}: {text}', '{label}: {text}', '{label}: {text}', '{label}\u00a0: {text}'],
  this_device: ['Este dispositivo', 'This device', 'Este dispositivo', 'Cet appareil'],
  storage_space: ['Espacio: {used} usados, {free} libres', 'Storage: {used} used, {free} free', 'Espaço: {used} usados, {free} livres', 'Stockage\u00a0: {used} utilisés, {free} libres'],
  storage_low: ['¡Queda poco espacio! Sincronice y libere espacio en la tableta antes de seguir.', 'Storage is running out! Sync and free space on the tablet before going on.', 'Pouco espaço! Sincronize e libere espaço no tablet antes de continuar.', 'Espace presque plein\u00a0! Synchronisez et libérez de la place avant de continuer.'],
  storage_persistent: ['Almacenamiento persistente: el navegador no borrará las entrevistas por falta de espacio.', 'Persistent storage: the browser will not delete interviews to free space.', 'Armazenamento persistente: o navegador não apagará as entrevistas por falta de espaço.', 'Stockage persistant\u00a0: le navigateur ne supprimera pas les entretiens pour libérer de l’espace.'],
  storage_best_effort: ['Almacenamiento no persistente: el navegador podría borrar datos si falta espacio. Instale la aplicación en la pantalla de inicio y sincronice a menudo.', 'Storage is not persistent: the browser may delete data when space runs low. Install the app on the home screen and sync often.', 'Armazenamento não persistente: o navegador pode apagar dados se faltar espaço. Instale o aplicativo na tela inicial e sincronize com frequência.', 'Stockage non persistant\u00a0: le navigateur peut supprimer des données si l’espace manque. Installez l’application sur l’écran d’accueil et synchronisez souvent.'],
  storage_best_effort_short: ['Almacenamiento no persistente', 'Storage is not persistent', 'Armazenamento não persistente', 'Stockage non persistant'],
  ask_persistent: ['Pedir almacenamiento persistente', 'Ask for persistent storage', 'Pedir armazenamento persistente', 'Demander un stockage persistant'],
  log_out: ['Cerrar sesión', 'Log out', 'Sair', 'Se déconnecter'],
  cannot_log_out_one: ['No puede cerrar sesión: {n} entrevista o visita no está enviada en este dispositivo:', 'You cannot log out: {n} interview or visit on this device is not sent:', 'Você não pode sair: {n} entrevista ou visita não foi enviada neste dispositivo:', 'Déconnexion impossible\u00a0: {n} entretien ou visite n’est pas envoyé sur cet appareil\u00a0:'],
  cannot_log_out_other: ['No puede cerrar sesión: {n} entrevistas o visitas no están enviadas en este dispositivo:', 'You cannot log out: {n} interviews or visits on this device are not sent:', 'Você não pode sair: {n} entrevistas ou visitas não foram enviadas neste dispositivo:', 'Déconnexion impossible\u00a0: {n} entretiens ou visites ne sont pas envoyés sur cet appareil\u00a0:'],
  visit_unsent: ['visita sin enviar', 'visit not sent', 'visita não enviada', 'visite non envoyée'],
  visit_refused: ['visita rechazada por el servidor', 'visit refused by the server', 'visita recusada pelo servidor', 'visite refusée par le serveur'],
  discard_visit: ['Quitar esta visita', 'Remove this visit', 'Remover esta visita', 'Retirer cette visite'],
  confirm_discard_visit: ['¿Quitar de este dispositivo la visita a {unit} ({outcome}, {at})? El servidor la rechazó y no la tiene: se pierde. Si no está seguro, consulte antes a su supervisor.', 'Remove the visit to {unit} ({outcome}, {at}) from this device? The server refused it and does not have it: it is lost. If unsure, ask your supervisor first.', 'Remover deste dispositivo a visita a {unit} ({outcome}, {at})? O servidor a recusou e não a tem: ela se perde. Se não tiver certeza, consulte antes seu supervisor.', 'Retirer de cet appareil la visite à {unit} ({outcome}, {at})\u00a0? Le serveur l’a refusée et ne l’a pas\u00a0: elle est perdue. En cas de doute, demandez d’abord à votre superviseur.'],
  visit_discarded: ['Visita a {unit} quitada.', 'Visit to {unit} removed.', 'Visita a {unit} removida.', 'Visite à {unit} retirée.'],
  log_out_send: ['Lo terminado se envía con «Enviar ahora» cuando hay conexión; termine o corrija lo demás.', 'What is finished goes with “Send now” when there is a connection; finish or fix the rest.', 'O que está terminado é enviado com “Enviar agora” quando houver conexão; termine ou corrija o resto.', 'Ce qui est terminé part avec «\u00a0Envoyer maintenant\u00a0» quand il y a une connexion\u00a0; terminez ou corrigez le reste.'],
  log_out_discard: ['Un borrador que no se terminará (el hogar rechazó o no es elegible) se quita con «Descartar borrador» en su tarjeta.', 'A draft that will not be finished (the household refused or is not eligible) can be removed with “Discard draft” on its card.', 'Um rascunho que não será terminado (o domicílio recusou ou não é elegível) pode ser removido com “Descartar rascunho” no seu cartão.', 'Un brouillon qui ne sera pas terminé (le ménage a refusé ou n’est pas éligible) se retire avec «\u00a0Supprimer le brouillon\u00a0» sur sa fiche.'],
  discard: ['Descartar borrador', 'Discard draft', 'Descartar rascunho', 'Supprimer le brouillon'],
  discard_title: ['¿Descartar el borrador?', 'Discard the draft?', 'Descartar o rascunho?', 'Supprimer le brouillon\u00a0?'],
  discard_intro: ['El borrador del hogar {unit}, empezado el {date}, se borrará de este dispositivo. Nunca se envió: no se podrá recuperar.', 'The draft of household {unit}, started on {date}, will be deleted from this device. It was never sent: it cannot be recovered.', 'O rascunho do domicílio {unit}, iniciado em {date}, será apagado deste dispositivo. Nunca foi enviado: não poderá ser recuperado.', 'Le brouillon du ménage {unit}, commencé le {date}, sera effacé de cet appareil. Il n’a jamais été envoyé\u00a0: il ne pourra pas être récupéré.'],
  discard_holds: ['Se pierde:', 'What is lost:', 'O que se perde:', 'Ce qui sera perdu\u00a0:'],
  discard_answers_one: ['{n} respuesta anotada', '{n} answer typed', '{n} resposta anotada', '{n} réponse saisie'],
  discard_answers_other: ['{n} respuestas anotadas', '{n} answers typed', '{n} respostas anotadas', '{n} réponses saisies'],
  discard_people_one: ['la lista del hogar de {n} persona', 'the household list of {n} person', 'a lista do domicílio de {n} pessoa', 'la liste du ménage de {n} personne'],
  discard_people_other: ['la lista del hogar de {n} personas', 'the household list of {n} people', 'a lista do domicílio de {n} pessoas', 'la liste du ménage de {n} personnes'],
  discard_selected: ['el sorteo de la persona a entrevistar', 'the draw of the person to interview', 'o sorteio da pessoa a entrevistar', 'le tirage de la personne à interroger'],
  discard_finished: ['una entrevista que ya se había terminado y se reabrió', 'an interview that had been finished and was reopened', 'uma entrevista que já tinha sido terminada e foi reaberta', 'un entretien qui avait été terminé puis rouvert'],
  discard_empty: ['Nada: no se anotó nada en él.', 'Nothing: nothing was typed in it.', 'Nada: nada foi anotado nele.', 'Rien\u00a0: rien n’y a été saisi.'],
  discard_visits_kept: ['Las visitas registradas para este hogar se conservan y se envían: su supervisor sabrá el resultado (rechazo, no elegible…).', 'The visits recorded for this household are kept and sent: your supervisor still learns the outcome (refused, not eligible…).', 'As visitas registradas para este domicílio são mantidas e enviadas: seu supervisor saberá o resultado (recusa, não elegível…).', 'Les visites enregistrées pour ce ménage sont conservées et envoyées\u00a0: votre superviseur connaîtra le résultat (refus, non éligible…).'],
  discard_confirm: ['Descartar el borrador', 'Discard the draft', 'Descartar o rascunho', 'Supprimer le brouillon'],
  discard_keep: ['Conservarlo', 'Keep it', 'Mantê-lo', 'Le garder'],
  discard_done: ['Borrador de {unit} descartado.', 'Draft of {unit} discarded.', 'Rascunho de {unit} descartado.', 'Brouillon de {unit} supprimé.'],
  discard_not_possible: ['Este borrador ya no se puede descartar: se cambió, se terminó o se envió mientras tanto.', 'This draft can no longer be discarded: it was changed, finished or sent meanwhile.', 'Este rascunho não pode mais ser descartado: foi alterado, terminado ou enviado nesse meio-tempo.', 'Ce brouillon ne peut plus être supprimé\u00a0: il a été modifié, terminé ou envoyé entre-temps.'],
  discard_refused_action: ['Descartar entrevista', 'Discard interview', 'Descartar entrevista', 'Supprimer l’entretien'],
  discard_refused_title: ['¿Descartar la entrevista?', 'Discard the interview?', 'Descartar a entrevista?', 'Supprimer l’entretien\u00a0?'],
  discard_refused_intro: ['La entrevista del hogar {unit}, empezada el {date}, se borrará de este dispositivo. El servidor la rechazó y no la tiene: no se podrá recuperar.', 'The interview of household {unit}, started on {date}, will be deleted from this device. The server refused it and does not have it: it cannot be recovered.', 'A entrevista do domicílio {unit}, iniciada em {date}, será apagada deste dispositivo. O servidor a recusou e não a tem: não poderá ser recuperada.', 'L’entretien du ménage {unit}, commencé le {date}, sera effacé de cet appareil. Le serveur l’a refusé et ne l’a pas\u00a0: il ne pourra pas être récupéré.'],
  discard_refused: ['una entrevista terminada y enviada, que el servidor rechazó', 'an interview finished and sent, which the server refused', 'uma entrevista terminada e enviada, que o servidor recusou', 'un entretien terminé et envoyé, que le serveur a refusé'],
  discard_refused_confirm: ['Descartar la entrevista', 'Discard the interview', 'Descartar a entrevista', 'Supprimer l’entretien'],
  discard_refused_done: ['Entrevista de {unit} descartada.', 'Interview of {unit} discarded.', 'Entrevista de {unit} descartada.', 'Entretien de {unit} supprimé.'],
  keep_server: ['Conservar la versión del servidor', 'Keep the server’s version', 'Manter a versão do servidor', 'Garder la version du serveur'],
  keep_server_title: ['¿Conservar la versión del servidor?', 'Keep the server’s version?', 'Manter a versão do servidor?', 'Garder la version du serveur\u00a0?'],
  keep_server_intro: ['La corrección de la entrevista del hogar {unit} no se puede enviar:', 'The correction of the interview of household {unit} cannot be sent:', 'A correção da entrevista do domicílio {unit} não pode ser enviada:', 'La correction de l’entretien du ménage {unit} ne peut pas être envoyée\u00a0:'],
  keep_server_answers_one: ['{n} respuesta cambiada en esta tableta después de enviarla', '{n} answer changed on this tablet since it was sent', '{n} resposta alterada neste tablet depois do envio', '{n} réponse modifiée sur cette tablette depuis son envoi'],
  keep_server_answers_other: ['{n} respuestas cambiadas en esta tableta después de enviarla', '{n} answers changed on this tablet since it was sent', '{n} respostas alteradas neste tablet depois do envio', '{n} réponses modifiées sur cette tablette depuis son envoi'],
  keep_server_same: ['Ninguna respuesta difiere de la versión del servidor.', 'No answer differs from the server’s version.', 'Nenhuma resposta difere da versão do servidor.', 'Aucune réponse ne diffère de la version du serveur.'],
  keep_server_kept: ['El servidor conserva su versión tal cual; esta tableta pasa a mostrarla y no se envía nada. Si la corrección importa, avise antes a su supervisor.', 'The server keeps its version as it is; this tablet then holds it and nothing is sent. If the correction matters, tell your supervisor first.', 'O servidor mantém sua versão como está; este tablet passa a tê-la e nada é enviado. Se a correção for importante, avise antes seu supervisor.', 'Le serveur garde sa version telle quelle\u00a0; cette tablette la reprend et rien n’est envoyé. Si la correction compte, prévenez d’abord votre superviseur.'],
  keep_server_confirm: ['Descartar mi corrección', 'Drop my correction', 'Descartar minha correção', 'Abandonner ma correction'],
  keep_server_cancel: ['Conservar mi corrección', 'Keep my correction', 'Manter minha correção', 'Garder ma correction'],
  keep_server_done: ['Corrección de {unit} descartada: la tableta tiene la versión del servidor.', 'Correction of {unit} dropped: the tablet holds the server’s version.', 'Correção de {unit} descartada: o tablet tem a versão do servidor.', 'Correction de {unit} abandonnée\u00a0: la tablette a la version du serveur.'],
  keep_server_offline: ['Primero se descarga la versión del servidor: conéctese a internet e inténtelo de nuevo.', 'The server’s version is downloaded first: connect to the internet and try again.', 'Primeiro é baixada a versão do servidor: conecte-se à internet e tente de novo.', 'La version du serveur est d’abord téléchargée\u00a0: connectez-vous à Internet et réessayez.'],
  keep_server_not_possible: ['Esta corrección ya no se puede descartar: se cambió, o el servidor ahora la acepta.', 'This correction can no longer be dropped: it was changed, or the server now accepts it.', 'Esta correção não pode mais ser descartada: foi alterada, ou o servidor agora a aceita.', 'Cette correction ne peut plus être abandonnée\u00a0: elle a été modifiée, ou le serveur l’accepte désormais.'],
  log_out_keep_server: ['Una corrección que el servidor rechazó definitivamente (aprobada entretanto, encuesta cerrada) se deja con «Conservar la versión del servidor» en su tarjeta.', 'A correction the server refused for good (approved meanwhile, wave closed) is dropped with “Keep the server’s version” on its card.', 'Uma correção que o servidor recusou definitivamente (aprovada nesse meio-tempo, pesquisa encerrada) é abandonada com “Manter a versão do servidor” no seu cartão.', 'Une correction refusée définitivement par le serveur (approuvée entre-temps, vague close) s’abandonne avec «\u00a0Garder la version du serveur\u00a0» sur sa fiche.'],
  discarded_title: ['Descartado en esta tableta ({n})', 'Discarded on this tablet ({n})', 'Descartado neste tablet ({n})', 'Supprimé sur cette tablette ({n})'],
  discarded_draft: ['borrador descartado', 'draft discarded', 'rascunho descartado', 'brouillon supprimé'],
  discarded_refused: ['entrevista rechazada por el servidor, descartada', 'interview refused by the server, discarded', 'entrevista recusada pelo servidor, descartada', 'entretien refusé par le serveur, supprimé'],
  discarded_correction: ['corrección descartada por la versión del servidor', 'correction dropped for the server’s version', 'correção descartada pela versão do servidor', 'correction abandonnée pour la version du serveur'],
  discarded_visit: ['visita rechazada por el servidor, quitada', 'visit refused by the server, removed', 'visita recusada pelo servidor, removida', 'visite refusée par le serveur, retirée'],
  log_out_offline: ['Sin conexión: cierre sesión cuando tenga red.', 'Offline: log out when you have a connection.', 'Sem conexão: saia quando tiver rede.', 'Hors ligne\u00a0: déconnectez-vous quand vous aurez du réseau.'],
  app_version: ['Versión', 'Version', 'Versão', 'Version'],
  instrument_missing: ['El cuestionario no está en el dispositivo: sincronice con conexión.', 'The questionnaire is not on this device: sync while online.', 'O questionário não está no dispositivo: sincronize com conexão.', 'Le questionnaire n’est pas sur l’appareil\u00a0: synchronisez en ligne.'],
  interview_language: ['Idioma de la entrevista', 'Interview language', 'Idioma da entrevista', 'Langue de l’entretien'],
  interview_language_hint: ['¿En qué idioma responde la persona?', 'Which language does the respondent answer in?', 'Em que idioma a pessoa responde?', 'Dans quelle langue la personne répond-elle\u00a0?'],
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
  fix_errors: ['Corrija lo siguiente:', 'Fix the following:', 'Corrija o seguinte:', 'Corrigez ce qui suit\u00a0:'],
  progress: ['{done} de {total} páginas completas', '{done} of {total} pages complete', '{done} de {total} páginas completas', '{done} pages complètes sur {total}'],
  page_of: ['Página {n} de {total}', 'Page {n} of {total}', 'Página {n} de {total}', 'Page {n} sur {total}'],
  to_review_finish: ['Ir a «Revisar y terminar»', 'Go to “Review and finish”', 'Ir para “Revisar e terminar”', 'Aller à «\u00a0Vérifier et terminer\u00a0»'],
  // the wave's support contacts on the finish screen (the note itself is in the interview's language)
  support_title: ['Contactos de apoyo para la persona entrevistada', 'Support contacts for the respondent', 'Contatos de apoio para a pessoa entrevistada', 'Contacts d\'aide pour la personne interrogée'],
  support_read_out: ['Léalos o muéstrelos a la persona antes de irse.', 'Read them out or show them to the respondent before you leave.', 'Leia-os ou mostre-os à pessoa antes de sair.', 'Lisez-les ou montrez-les à la personne avant de partir.'],
  complete_ready: ['Todas las preguntas obligatorias tienen respuesta.', 'Every required question is answered.', 'Todas as perguntas obrigatórias foram respondidas.', 'Toutes les questions obligatoires ont une réponse.'],
  finish_fix: ['Antes de enviar, corrija estas respuestas:', 'Before sending, correct these answers:', 'Antes de enviar, corrija estas respostas:', 'Avant d’envoyer, corrigez ces réponses\u00a0:'],
  incomplete: ['Faltan respuestas obligatorias en estas páginas:', 'Required answers are missing on these pages:', 'Faltam respostas obrigatórias nestas páginas:', 'Des réponses obligatoires manquent sur ces pages\u00a0:'],
  finish_send: ['Terminar y enviar', 'Finish and send', 'Terminar e enviar', 'Terminer et envoyer'],
  saved_for_sending: ['Entrevista guardada: se enviará en cuanto haya conexión.', 'Interview saved: it will be sent as soon as there is a connection.', 'Entrevista salva: será enviada assim que houver conexão.', 'Entretien enregistré\u00a0: il sera envoyé dès qu’il y aura une connexion.'],
  break_off: ['La entrevista se interrumpió', 'The interview was broken off', 'A entrevista foi interrompida', 'L’entretien a été interrompu'],
  break_off_hint: ['Use esto solo si la persona no quiere o no puede seguir. Se enviará como entrevista parcial, con todo lo anotado, también en la página en que se detuvo.', 'Use this only if the respondent will not or cannot go on. It is sent as a partial interview, with everything typed, also on the page where it stopped.', 'Use isto apenas se a pessoa não quiser ou não puder continuar. Será enviada como entrevista parcial, com tudo o que foi anotado, também na página em que parou.', 'N’utilisez ceci que si la personne ne veut ou ne peut pas continuer. Il sera envoyé comme entretien partiel, avec tout ce qui a été saisi, y compris sur la page où il s’est arrêté.'],
  break_off_fix: ['Antes de enviar como parcial, corrija estas respuestas o bórrelas:', 'Before sending as partial, correct these answers or clear them:', 'Antes de enviar como parcial, corrija estas respostas ou apague-as:', 'Avant d’envoyer comme partiel, corrigez ces réponses ou effacez-les\u00a0:'],
  partial_interview: ['Parcial: la entrevista se interrumpió', 'Partial: the interview was broken off', 'Parcial: a entrevista foi interrompida', 'Partiel\u00a0: l’entretien a été interrompu'],
  was_partial: ['Esta entrevista se envió como parcial (interrumpida). Tras su corrección, envíela de nuevo como parcial; si la persona siguió respondiendo, complete las páginas que faltan.', 'This interview was sent as partial (broken off). After your correction, send it as partial again; if the respondent went on answering, complete the missing pages.', 'Esta entrevista foi enviada como parcial (interrompida). Após sua correção, envie-a de novo como parcial; se a pessoa continuou respondendo, complete as páginas que faltam.', 'Cet entretien a été envoyé comme partiel (interrompu). Après votre correction, renvoyez-le comme partiel\u00a0; si la personne a continué à répondre, complétez les pages manquantes.'],
  break_off_confirm: ['Enviar como parcial', 'Send as partial', 'Enviar como parcial', 'Envoyer comme partiel'],
  or: ['o', 'or', 'ou', 'ou'],
  record_visit: ['Registrar visita', 'Record a visit', 'Registrar visita', 'Enregistrer une visite'],
  n_visits_one: ['{n} visita · última: {outcome}', '{n} visit · last: {outcome}', '{n} visita · última: {outcome}', '{n} visite · dernière\u00a0: {outcome}'],
  n_visits_other: ['{n} visitas · última: {outcome}', '{n} visits · last: {outcome}', '{n} visitas · última: {outcome}', '{n} visites · dernière\u00a0: {outcome}'],
  interviewed_elsewhere: ['Esta vivienda ya fue entrevistada por otra persona: hable con su supervisor.', 'This household was already interviewed by someone else: talk to your supervisor.', 'Este domicílio já foi entrevistado por outra pessoa: fale com seu supervisor.', 'Ce ménage a déjà été interrogé par quelqu’un d’autre\u00a0: parlez à votre superviseur.'],
  visit_outcome: ['¿Qué pasó en esta visita?', 'What happened on this visit?', 'O que aconteceu nesta visita?', 'Que s’est-il passé lors de cette visite\u00a0?'],
  outcome_no_contact: ['No se encontró a nadie', 'Nobody was reached', 'Ninguém foi encontrado', 'Personne n’a été joint'],
  outcome_appointment: ['Contacto: volver otro día (cita)', 'Contact made: come back (appointment)', 'Contato: voltar outro dia (agendamento)', 'Contact\u00a0: revenir (rendez-vous)'],
  outcome_refusal: ['Rechazo', 'Refusal', 'Recusa', 'Refus'],
  outcome_not_eligible: ['No elegible (deshabitada, no es vivienda, fuera de la población)', 'Not eligible (vacant, not a dwelling, outside the population)', 'Não elegível (vazio, não é domicílio, fora da população)', 'Non éligible (vacant, pas un logement, hors population)'],
  outcome_language: ['Barrera de idioma', 'Language barrier', 'Barreira de idioma', 'Barrière de langue'],
  outcome_incapacity: ['Incapacidad (enfermedad, discapacidad)', 'Incapacity (illness, disability)', 'Incapacidade (doença, deficiência)', 'Incapacité (maladie, handicap)'],
  outcome_other: ['Otro', 'Other', 'Outro', 'Autre'],
  visit_note: ['Nota (opcional)', 'Note (optional)', 'Nota (opcional)', 'Note (facultative)'],
  save_visit: ['Guardar visita', 'Save the visit', 'Salvar visita', 'Enregistrer la visite'],
  visit_choose: ['Elija qué pasó en la visita.', 'Choose what happened on the visit.', 'Escolha o que aconteceu na visita.', 'Choisissez ce qui s’est passé lors de la visite.'],
  visit_note_long: ['La nota puede tener como máximo 2000 caracteres.', 'The note can be at most 2,000 characters.', 'A nota pode ter no máximo 2.000 caracteres.', 'La note peut compter au plus 2 000 caractères.'],
  // Invisible characters that reorder text (util.js directionControl), said at the field: the
  // server refuses them (a note or initials would move the words around them on staff pages).
  note_direction: ['La nota contiene un carácter invisible que cambia el orden del texto ({char}), a menudo copiado de otra aplicación. Borre la nota y escríbala de nuevo.', 'The note contains an invisible character that reorders the text ({char}), often copied from another app. Delete the note and type it again.', 'A nota contém um caractere invisível que muda a ordem do texto ({char}), muitas vezes copiado de outro aplicativo. Apague a nota e digite-a de novo.', 'La note contient un caractère invisible qui change l’ordre du texte ({char}), souvent copié d’une autre application. Effacez la note et retapez-la.'],
  initials_direction: ['Estas iniciales contienen un carácter invisible que cambia el orden del texto ({char}), a menudo copiado de otra aplicación. Bórrelas y escríbalas de nuevo.', 'These initials contain an invisible character that reorders the text ({char}), often copied from another app. Delete them and type them again.', 'Estas iniciais contêm um caractere invisível que muda a ordem do texto ({char}), muitas vezes copiado de outro aplicativo. Apague-as e digite-as de novo.', 'Ces initiales contiennent un caractère invisible qui change l’ordre du texte ({char}), souvent copié d’une autre application. Effacez-les et retapez-les.'],
  visit_fix_note: ['Quitar los caracteres invisibles y enviar de nuevo', 'Remove the invisible characters and send again', 'Remover os caracteres invisíveis e enviar de novo', 'Retirer les caractères invisibles et renvoyer'],
  visit_note_fixed: ['Visita a {unit}: caracteres invisibles quitados de la nota; se enviará de nuevo.', 'Visit to {unit}: invisible characters removed from the note; it will be sent again.', 'Visita a {unit}: caracteres invisíveis removidos da nota; será enviada de novo.', 'Visite à {unit}\u00a0: caractères invisibles retirés de la note\u00a0; elle sera renvoyée.'],
  visit_saved: ['Visita guardada: se enviará con la próxima sincronización.', 'Visit saved: it is sent with the next sync.', 'Visita salva: será enviada na próxima sincronização.', 'Visite enregistrée\u00a0: elle sera envoyée à la prochaine synchronisation.'],
  // The appointment a visit with outcome "appointment" sets (household.js, cards.js).
  appointment_legend: ['¿Cuándo volver?', 'When to come back?', 'Quando voltar?', 'Quand revenir\u00a0?'],
  appointment_date: ['Día acordado', 'Day agreed', 'Dia combinado', 'Jour convenu'],
  appointment_time: ['Hora (opcional)', 'Time (optional)', 'Hora (opcional)', 'Heure (facultative)'],
  appointment_hint: ['El día y la hora que acordó con el hogar. Si no se acordó un día, anote el día en que piensa volver.', 'The day and time agreed with the household. If no day was agreed, enter the day you plan to come back.', 'O dia e a hora combinados com o domicílio. Se nenhum dia foi combinado, anote o dia em que pretende voltar.', 'Le jour et l’heure convenus avec le ménage. Si aucun jour n’a été convenu, indiquez le jour où vous comptez revenir.'],
  appointment_missing: ['Anote el día acordado para volver.', 'Enter the day agreed to come back.', 'Anote o dia combinado para voltar.', 'Indiquez le jour convenu pour revenir.'],
  appointment_bad_date: ['El día de la cita no es una fecha válida.', 'The appointment’s day is not a valid date.', 'O dia do agendamento não é uma data válida.', 'Le jour du rendez-vous n’est pas une date valide.'],
  appointment_past: ['El día de la cita no puede ser anterior a hoy.', 'The appointment’s day cannot be before today.', 'O dia do agendamento não pode ser anterior a hoje.', 'Le jour du rendez-vous ne peut pas être avant aujourd’hui.'],
  appointment_far: ['El día de la cita puede ser como mucho {n} días después de hoy (hasta el {last}).', 'The appointment’s day can be at most {n} days after today (up to {last}).', 'O dia do agendamento pode ser no máximo {n} dias depois de hoje (até {last}).', 'Le jour du rendez-vous peut être au plus {n} jours après aujourd’hui (jusqu’au {last}).'],
  appointment_bad_time: ['Anote la hora como 15:00, o déjela vacía.', 'Enter the time as 15:00, or leave it empty.', 'Anote a hora como 15:00, ou deixe-a vazia.', 'Indiquez l’heure sous la forme 15:00, ou laissez-la vide.'],
  card_appointment: ['Cita: {when}', 'Appointment: {when}', 'Agendamento: {when}', 'Rendez-vous\u00a0: {when}'],
  appointment_today: ['Cita hoy', 'Appointment today', 'Agendamento hoje', 'Rendez-vous aujourd’hui'],
  appointment_overdue: ['Cita pasada', 'Appointment missed', 'Agendamento passado', 'Rendez-vous passé'],
  // The summary at the top of the list (a phone shows it without scrolling): "2 appointments
  // today, 1 missed".
  appointments_today_one: ['{n} cita hoy', '{n} appointment today', '{n} agendamento hoje', '{n} rendez-vous aujourd’hui'],
  appointments_today_other: ['{n} citas hoy', '{n} appointments today', '{n} agendamentos hoje', '{n} rendez-vous aujourd’hui'],
  appointments_missed_one: ['{n} cita pasada', '{n} missed appointment', '{n} agendamento passado', '{n} rendez-vous passé'],
  appointments_missed_other: ['{n} citas pasadas', '{n} missed appointments', '{n} agendamentos passados', '{n} rendez-vous passés'],
  appointments_missed_short_one: ['{n} pasada', '{n} missed', '{n} passado', '{n} passé'],
  appointments_missed_short_other: ['{n} pasadas', '{n} missed', '{n} passados', '{n} passés'],
  appointments_summary_both: ['{today}, {missed}', '{today}, {missed}', '{today}, {missed}', '{today}, {missed}'],
  appointments_due_one: ['{n} hogar con cita hoy o pasada: arriba en la lista.', '{n} household with an appointment today or missed: at the top of the list.', '{n} domicílio com agendamento hoje ou passado: no topo da lista.', '{n} ménage avec un rendez-vous aujourd’hui ou passé\u00a0: en haut de la liste.'],
  appointments_due_other: ['{n} hogares con cita hoy o pasada: arriba en la lista.', '{n} households with an appointment today or missed: at the top of the list.', '{n} domicílios com agendamento hoje ou passado: no topo da lista.', '{n} ménages avec un rendez-vous aujourd’hui ou passé\u00a0: en haut de la liste.'],
  search_households: ['Buscar un hogar', 'Find a household', 'Procurar um domicílio', 'Chercher un ménage'],
  search_hint: ['Número, calle, zona o estado (por ejemplo «borrador» o «cita»).', 'Number, street, area or state (for example “draft” or “appointment”).', 'Número, rua, zona ou situação (por exemplo “rascunho” ou “agendamento”).', 'Numéro, rue, zone ou état (par exemple «\u00a0brouillon\u00a0» ou «\u00a0rendez-vous\u00a0»).'],
  search_shown_one: ['{n} de {total} hogares.', '{n} of {total} households.', '{n} de {total} domicílios.', '{n} ménage sur {total}.'],
  search_shown_other: ['{n} de {total} hogares.', '{n} of {total} households.', '{n} de {total} domicílios.', '{n} ménages sur {total}.'],
  search_none: ['Ningún hogar coincide con la búsqueda.', 'No household matches the search.', 'Nenhum domicílio corresponde à busca.', 'Aucun ménage ne correspond à la recherche.'],
  household_title: ['Hogar y persona seleccionada', 'Household and selected adult', 'Domicílio e pessoa selecionada', 'Ménage et adulte sélectionné'],
  household_hint: ['Anote a todas las personas que viven en el hogar. La aplicación elige al adulto que se entrevista; cada sorteo queda registrado.', 'List everyone who lives in the household. The app chooses the adult to interview; every draw is recorded.', 'Anote todas as pessoas que moram no domicílio. O aplicativo escolhe o adulto a entrevistar; cada sorteio fica registrado.', 'Notez toutes les personnes qui vivent dans le ménage. L’application choisit l’adulte à interroger\u00a0; chaque tirage est enregistré.'],
  household_missing: ['Falta la lista del hogar y la selección del adulto.', 'The household list and the selection of the adult are missing.', 'Faltam a lista do domicílio e a seleção do adulto.', 'La liste du ménage et la sélection de l’adulte manquent.'],
  method_kish: ['Selección por tabla de Kish', 'Kish grid selection', 'Seleção pela tabela de Kish', 'Sélection par la table de Kish'],
  method_next_birthday: ['Selección por próximo cumpleaños', 'Next-birthday selection', 'Seleção pelo próximo aniversário', 'Sélection par le prochain anniversaire'],
  method_last_birthday: ['Selección por último cumpleaños', 'Last-birthday selection', 'Seleção pelo último aniversário', 'Sélection par le dernier anniversaire'],
  person_n: ['Persona {n}', 'Person {n}', 'Pessoa {n}', 'Personne {n}'],
  remove_person: ['Quitar a la persona {n}', 'Remove person {n}', 'Remover a pessoa {n}', 'Retirer la personne {n}'],
  confirm_remove_person: ['¿Quitar a la persona {n} ({initials}) de la lista del hogar?', 'Remove person {n} ({initials}) from the household list?', 'Remover a pessoa {n} ({initials}) da lista do domicílio?', 'Retirer la personne {n} ({initials}) de la liste du ménage\u00a0?'],
  initials: ['Iniciales', 'Initials', 'Iniciais', 'Initiales'],
  sex_m: ['Hombre', 'Man', 'Homem', 'Homme'],
  sex_f: ['Mujer', 'Woman', 'Mulher', 'Femme'],
  sex_x: ['Otro', 'Other', 'Outro', 'Autre'],
  age: ['Edad (años cumplidos)', 'Age (years)', 'Idade (anos completos)', 'Âge (ans révolus)'],
  birthday: ['Cumpleaños', 'Birthday', 'Aniversário', 'Anniversaire'],
  birthday_day: ['Día', 'Day', 'Dia', 'Jour'],
  birthday_month: ['Mes', 'Month', 'Mês', 'Mois'],
  add_person: ['Añadir persona', 'Add a person', 'Adicionar pessoa', 'Ajouter une personne'],
  select_adult: ['Seleccionar al adulto', 'Select the adult', 'Selecionar o adulto', 'Sélectionner l’adulte'],
  select_again: ['Seleccionar de nuevo (queda registrado)', 'Select again (it is recorded)', 'Selecionar novamente (fica registrado)', 'Sélectionner à nouveau (c’est enregistré)'],
  confirm_draw_again: ['Ya se seleccionó a un adulto. Un nuevo sorteo queda registrado y su supervisor lo verá. ¿Continuar?', 'An adult was already selected. A new draw is recorded and your supervisor will see it. Go on?', 'Um adulto já foi selecionado. Um novo sorteio fica registrado e seu supervisor o verá. Continuar?', 'Un adulte a déjà été sélectionné. Un nouveau tirage est enregistré et votre superviseur le verra. Continuer\u00a0?'],
  selected_adult_one: ['Entreviste a {initials} (persona {line}), el único adulto ({n}).', 'Interview {initials} (person {line}), the only adult ({n}).', 'Entreviste {initials} (pessoa {line}), o único adulto ({n}).', 'Interrogez {initials} (personne {line}), le seul adulte ({n}).'],
  selected_adult_other: ['Entreviste a {initials} (persona {line}), entre {n} adultos.', 'Interview {initials} (person {line}), one of {n} adults.', 'Entreviste {initials} (pessoa {line}), entre {n} adultos.', 'Interrogez {initials} (personne {line}), parmi {n} adultes.'],
  selection_final: [
    'Esta selección es definitiva para esta lista: solo puede hacerse de nuevo si se corrige la lista.',
    'This selection is final for this list: it can be made again only if the list is corrected.',
    'Esta seleção é definitiva para esta lista: só pode ser feita de novo se a lista for corrigida.',
    'Cette sélection est définitive pour cette liste\u00a0: elle ne peut être refaite que si la liste est corrigée.'],
  draws_recorded: ['{n} sorteos registrados.', '{n} draws recorded.', '{n} sorteios registrados.', '{n} tirages enregistrés.'],
  to_questionnaire: ['Empezar el cuestionario', 'Start the questionnaire', 'Iniciar o questionário', 'Commencer le questionnaire'],
  roster_empty: ['Anote al menos una persona.', 'List at least one person.', 'Anote pelo menos uma pessoa.', 'Notez au moins une personne.'],
  roster_initials: ['Persona {n}: escriba sus iniciales.', 'Person {n}: enter their initials.', 'Pessoa {n}: digite as iniciais.', 'Personne {n}\u00a0: saisissez ses initiales.'],
  roster_sex: ['Persona {n}: elija hombre, mujer u otro.', 'Person {n}: choose man, woman or other.', 'Pessoa {n}: escolha homem, mulher ou outro.', 'Personne {n}\u00a0: choisissez homme, femme ou autre.'],
  roster_initials_direction: ['Persona {n}: las iniciales contienen un carácter invisible que cambia el orden del texto ({char}); escríbalas de nuevo.', 'Person {n}: the initials contain an invisible character that reorders the text ({char}); type them again.', 'Pessoa {n}: as iniciais contêm um caractere invisível que muda a ordem do texto ({char}); digite-as de novo.', 'Personne {n}\u00a0: les initiales contiennent un caractère invisible qui change l’ordre du texte ({char})\u00a0; retapez-les.'],
  roster_age: ['Persona {n}: escriba la edad en años (0 a 120).', 'Person {n}: enter the age in years (0 to 120).', 'Pessoa {n}: digite a idade em anos (0 a 120).', 'Personne {n}\u00a0: saisissez l’âge en années (0 à 120).'],
  roster_birthday: [
    'Persona {n}: indique el día y el mes del cumpleaños (un día que ese mes tenga). Si nadie lo sabe con exactitud, pida la fecha más cercana que el hogar pueda dar.',
    'Person {n}: give the day and month of the birthday (a day that month has). If nobody knows it exactly, ask for the nearest date the household can give.',
    'Pessoa {n}: informe o dia e o mês do aniversário (um dia que esse mês tenha). Se ninguém souber exatamente, peça a data mais próxima que o domicílio puder dar.',
    'Personne {n}\u00a0: indiquez le jour et le mois de l’anniversaire (un jour que ce mois compte). Si personne ne le sait exactement, demandez la date la plus proche que le ménage peut donner.'],
  selection_stale: [
    'La lista cambió después de seleccionar al adulto: esta selección es de la lista anterior. Seleccione de nuevo para usar la lista cambiada (el nuevo sorteo también queda registrado) o deshaga los cambios.',
    'The list has changed since the adult was selected: this selection is of the list as it was. Select again to use the changed list (the new draw is recorded too), or undo the changes.',
    'A lista mudou depois da seleção do adulto: esta seleção é da lista anterior. Selecione novamente para usar a lista alterada (o novo sorteio também fica registrado) ou desfaça as alterações.',
    'La liste a changé depuis la sélection de l’adulte\u00a0: cette sélection porte sur la liste d’avant. Sélectionnez à nouveau pour utiliser la liste modifiée (le nouveau tirage est aussi enregistré) ou annulez les modifications.'],
  undo_roster: ['Deshacer los cambios de la lista', 'Undo the changes to the list', 'Desfazer as alterações da lista', 'Annuler les modifications de la liste'],
  no_adult: ['Nadie del hogar tiene 18 años o más: registre una visita «No elegible».', 'Nobody in the household is 18 or older: record a “Not eligible” visit.', 'Ninguém no domicílio tem 18 anos ou mais: registre uma visita “Não elegível”.', 'Personne dans le ménage n’a 18 ans ou plus\u00a0: enregistrez une visite «\u00a0Non éligible\u00a0».'],
  something_wrong: ['Algo salió mal', 'Something went wrong', 'Algo deu errado', 'Une erreur s’est produite'],
  storage_full: ['El almacenamiento del dispositivo está lleno: lo último no se pudo guardar (lo anterior sí está guardado). Sincronice y libere espacio.', 'The device storage is full: the last change could not be saved (everything before it is). Sync and free space.', 'O armazenamento do dispositivo está cheio: a última alteração não pôde ser salva (o anterior está salvo). Sincronize e libere espaço.', 'Le stockage de l’appareil est plein\u00a0: la dernière modification n’a pas pu être enregistrée (le reste l’est). Synchronisez et libérez de l’espace.'],
  app_failed: ['La aplicación no pudo arrancar:', 'The app could not start:', 'O aplicativo não pôde iniciar:', 'L’application n’a pas pu démarrer\u00a0:'],
  // What the server says when it refuses something (surveyapp/docs/fieldwork.md: an error's
  // `reason` and `params`); a reason without an entry here shows the server's English message.
  srv_bad_credentials: ['El correo o la contraseña no son correctos, o la cuenta quedó bloqueada tras varios intentos fallidos.', 'The email address or password is wrong, or the account is locked after repeated failed attempts.', 'O e-mail ou a senha estão errados, ou a conta foi bloqueada após várias tentativas malsucedidas.', 'L’adresse e-mail ou le mot de passe est incorrect, ou le compte est bloqué après plusieurs tentatives échouées.'],
  srv_other_user_unsent: [
    'Esta tableta guarda trabajo de otro entrevistador sin enviar (entrevistas o visitas): esa persona debe iniciar sesión aquí y enviarlo antes de que otra la use.',
    'This tablet holds work of another interviewer not yet sent (interviews or visits): that interviewer must log in here and send it before anyone else uses the tablet.',
    'Este tablet guarda trabalho de outro entrevistador não enviado (entrevistas ou visitas): essa pessoa deve entrar aqui e enviá-lo antes que outra pessoa use o tablet.',
    'Cette tablette contient du travail d’un autre enquêteur pas encore envoyé (entretiens ou visites)\u00a0: cet enquêteur doit s’y connecter et l’envoyer avant que quelqu’un d’autre utilise la tablette.'],
  srv_code_required: ['Escriba el código de 6 dígitos de su aplicación de autenticación (o un código de recuperación).', 'Enter the 6-digit code from your authenticator app (or a recovery code).', 'Digite o código de 6 dígitos do seu aplicativo autenticador (ou um código de recuperação).', 'Saisissez le code à 6 chiffres de votre application d’authentification (ou un code de secours).'],
  srv_bad_code: ['Ese código no es correcto o ya se usó. Pruebe con el siguiente.', 'That code is wrong or was already used. Try the next one.', 'Esse código está errado ou já foi usado. Tente o próximo.', 'Ce code est incorrect ou a déjà été utilisé. Essayez le suivant.'],
  srv_two_factor_setup: ['Su cuenta necesita verificación en dos pasos: configúrela primero en el sitio web.', 'Your account needs two-factor authentication: set it up on the website first.', 'Sua conta precisa de verificação em duas etapas: configure-a primeiro no site.', 'Votre compte nécessite une authentification à deux facteurs\u00a0: configurez-la d’abord sur le site web.'],
  srv_password_change: ['Su contraseña es temporal: cámbiela primero en el sitio web ({url}) y luego inicie sesión aquí con la nueva.', 'Your password is temporary: change it on the website first ({url}), then log in here with the new one.', 'Sua senha é temporária: altere-a primeiro no site ({url}) e depois entre aqui com a nova.', 'Votre mot de passe est temporaire\u00a0: changez-le d’abord sur le site web ({url}), puis connectez-vous ici avec le nouveau.'],
  srv_direction_control: ['El nombre contiene un carácter invisible que cambia el orden del texto ({char}). Bórrelo y escriba el nombre de nuevo.', 'The name contains an invisible character that reorders the text ({char}). Delete it and type the name again.', 'O nome contém um caractere invisível que muda a ordem do texto ({char}). Apague-o e digite o nome de novo.', 'Le nom contient un caractère invisible qui change l’ordre du texte ({char}). Supprimez-le et retapez le nom.'],
  srv_initials_direction_control: ['Persona {line} de la lista del hogar: las iniciales contienen un carácter invisible que cambia el orden del texto ({char}) y el servidor no aceptó la entrevista. Pulse «Corregir», abra la lista del hogar, escriba de nuevo esas iniciales y termine la entrevista otra vez.', 'Person {line} of the household list: the initials contain an invisible character that reorders the text ({char}), so the server did not take the interview. Press “Fix”, open the household list, type those initials again and finish the interview again.', 'Pessoa {line} da lista do domicílio: as iniciais contêm um caractere invisível que muda a ordem do texto ({char}) e o servidor não aceitou a entrevista. Toque em “Corrigir”, abra a lista do domicílio, digite essas iniciais de novo e termine a entrevista outra vez.', 'Personne {line} de la liste du ménage\u00a0: les initiales contiennent un caractère invisible qui change l’ordre du texte ({char}), et le serveur n’a pas accepté l’entretien. Appuyez sur «\u00a0Corriger\u00a0», ouvrez la liste du ménage, retapez ces initiales et terminez à nouveau l’entretien.'],
  srv_note_direction_control: ['La nota de esta visita contiene un carácter invisible que cambia el orden del texto ({char}) y el servidor no aceptó la visita. Pulse «Quitar los caracteres invisibles y enviar de nuevo».', 'The note of this visit contains an invisible character that reorders the text ({char}), so the server did not take the visit. Press “Remove the invisible characters and send again”.', 'A nota desta visita contém um caractere invisível que muda a ordem do texto ({char}) e o servidor não aceitou a visita. Toque em “Remover os caracteres invisíveis e enviar de novo”.', 'La note de cette visite contient un caractère invisible qui change l’ordre du texte ({char}), et le serveur n’a pas accepté la visite. Appuyez sur «\u00a0Retirer les caractères invisibles et renvoyer\u00a0».'],
  srv_role_not_allowed: ['Esta cuenta no hace trabajo de campo; consulte a un responsable de la encuesta.', 'This account does not do field work; ask a survey manager.', 'Esta conta não faz trabalho de campo; fale com um gestor da pesquisa.', 'Ce compte ne fait pas de travail de terrain\u00a0; adressez-vous à un responsable de l’enquête.'],
  srv_token_invalid: ['Este dispositivo no tiene la sesión iniciada (venció o se cerró). Inicie sesión de nuevo.', 'This device is not logged in (the login expired or was ended). Log in again.', 'Este dispositivo não está conectado (a sessão expirou ou foi encerrada). Entre de novo.', 'Cet appareil n’est pas connecté (la session a expiré ou a été fermée). Reconnectez-vous.'],
  srv_rate_limited: ['Demasiados intentos desde esta red. Espere unos minutos y vuelva a intentarlo.', 'Too many attempts from this network. Wait a few minutes and try again.', 'Muitas tentativas a partir desta rede. Aguarde alguns minutos e tente de novo.', 'Trop de tentatives depuis ce réseau. Attendez quelques minutes et réessayez.'],
  srv_too_large: ['Lo enviado es demasiado grande para el servidor. Avise a su supervisor; nada se borró del dispositivo.', 'What was sent is too large for the server. Tell your supervisor; nothing was deleted from the device.', 'O que foi enviado é grande demais para o servidor. Avise seu supervisor; nada foi apagado do dispositivo.', 'L’envoi est trop volumineux pour le serveur. Prévenez votre superviseur\u00a0; rien n’a été supprimé de l’appareil.'],
  srv_busy: ['El servidor está ocupado; se enviará de nuevo más tarde.', 'The server is busy; it will be sent again later.', 'O servidor está ocupado; será enviado de novo mais tarde.', 'Le serveur est occupé\u00a0; l’envoi sera refait plus tard.'],
  srv_interview_owner: ['Esta entrevista la envió otro encuestador; no se puede cambiar aquí.', 'This interview was sent by another interviewer; it cannot be changed here.', 'Esta entrevista foi enviada por outro entrevistador; não pode ser alterada aqui.', 'Cet entretien a été envoyé par un autre enquêteur\u00a0; il ne peut pas être modifié ici.'],
  srv_approved: ['{reviewer} aprobó esta entrevista el {date}; ya no se puede cambiar. Pídale que la reabra si debe cambiar.', '{reviewer} approved this interview on {date}; it can no longer be changed. Ask them to reopen it if it must change.', '{reviewer} aprovou esta entrevista em {date}; ela não pode mais ser alterada. Peça que a reabra se precisar mudar.', '{reviewer} a approuvé cet entretien le {date}\u00a0; il ne peut plus être modifié. Demandez sa réouverture s’il doit changer.'],
  srv_approved_unnamed: ['Un supervisor aprobó esta entrevista; ya no se puede cambiar. Pídale que la reabra si debe cambiar.', 'A supervisor approved this interview; it can no longer be changed. Ask them to reopen it if it must change.', 'Um supervisor aprovou esta entrevista; ela não pode mais ser alterada. Peça que a reabra se precisar mudar.', 'Un superviseur a approuvé cet entretien\u00a0; il ne peut plus être modifié. Demandez sa réouverture s’il doit changer.'],
  srv_not_assigned: ['La vivienda {household} no está asignada a usted; consulte a su supervisor.', 'Household {household} is not assigned to you; ask your supervisor.', 'O domicílio {household} não está atribuído a você; fale com seu supervisor.', 'Le ménage {household} ne vous est pas attribué\u00a0; adressez-vous à votre superviseur.'],
  srv_unit_reassigned: ['La vivienda {household} ahora está asignada a otro encuestador; consulte a su supervisor antes de enviar esta entrevista.', 'Household {household} is now assigned to another interviewer; ask your supervisor before sending this interview.', 'O domicílio {household} agora está atribuído a outro entrevistador; fale com seu supervisor antes de enviar esta entrevista.', 'Le ménage {household} est maintenant attribué à un autre enquêteur\u00a0; adressez-vous à votre superviseur avant d’envoyer cet entretien.'],
  srv_unit_interviewed_by: ['La vivienda {household} ya tiene una entrevista, enviada por {who}; no se acepta una segunda. Conserve esta en el dispositivo y consulte a su supervisor.', 'Household {household} already has an interview, sent by {who}; a second one is not accepted. Keep this one on the device and ask your supervisor.', 'O domicílio {household} já tem uma entrevista, enviada por {who}; uma segunda não é aceita. Mantenha esta no dispositivo e fale com seu supervisor.', 'Le ménage {household} a déjà un entretien, envoyé par {who}\u00a0; un second n’est pas accepté. Gardez celui-ci sur l’appareil et adressez-vous à votre superviseur.'],
  srv_unit_interviewed_web: ['La vivienda {household} ya respondió la encuesta en la web; no se acepta una segunda entrevista. Conserve esta en el dispositivo y consulte a su supervisor.', 'Household {household} already answered the survey on the web; a second interview is not accepted. Keep this one on the device and ask your supervisor.', 'O domicílio {household} já respondeu à pesquisa na web; uma segunda entrevista não é aceita. Mantenha esta no dispositivo e fale com seu supervisor.', 'Le ménage {household} a déjà répondu à l’enquête sur le web\u00a0; un second entretien n’est pas accepté. Gardez celui-ci sur l’appareil et adressez-vous à votre superviseur.'],
  srv_unit_interviewed: ['La vivienda {household} ya tiene una entrevista de otro encuestador; no se acepta una segunda. Conserve esta en el dispositivo y consulte a su supervisor.', 'Household {household} already has an interview by another interviewer; a second one is not accepted. Keep this one on the device and ask your supervisor.', 'O domicílio {household} já tem uma entrevista de outro entrevistador; uma segunda não é aceita. Mantenha esta no dispositivo e fale com seu supervisor.', 'Le ménage {household} a déjà un entretien d’un autre enquêteur\u00a0; un second n’est pas accepté. Gardez celui-ci sur l’appareil et adressez-vous à votre superviseur.'],
  srv_wave_not_found: ['El servidor ya no tiene esta encuesta; sincronice para descargar de nuevo las asignaciones.', 'The server no longer has this survey wave; sync to download the assignments again.', 'O servidor não tem mais esta pesquisa; sincronize para baixar as atribuições de novo.', 'Le serveur n’a plus cette vague d’enquête\u00a0; synchronisez pour télécharger à nouveau les affectations.'],
  srv_unit_not_found: ['El servidor no tiene esta vivienda en la encuesta; sincronice para descargar de nuevo las asignaciones.', 'The server has no such household in this wave; sync to download the assignments again.', 'O servidor não tem este domicílio na pesquisa; sincronize para baixar as atribuições de novo.', 'Le serveur n’a pas ce ménage dans la vague\u00a0; synchronisez pour télécharger à nouveau les affectations.'],
  srv_wave_not_accepting: ['La encuesta «{wave}» no recibe entrevistas en tableta.', 'The wave “{wave}” does not take tablet interviews.', 'A pesquisa “{wave}” não recebe entrevistas por tablet.', 'La vague «\u00a0{wave}\u00a0» n’accepte pas d’entretiens sur tablette.'],
  srv_instrument: ['Esta entrevista se hizo con otra versión del cuestionario que la de la encuesta; sincronice para descargar las asignaciones y avise a su supervisor.', 'This interview was made with another version of the questionnaire than the wave’s; sync to download the assignments again and tell your supervisor.', 'Esta entrevista foi feita com outra versão do questionário que a da pesquisa; sincronize para baixar as atribuições e avise seu supervisor.', 'Cet entretien a été fait avec une autre version du questionnaire que celle de la vague\u00a0; synchronisez pour télécharger les affectations et prévenez votre superviseur.'],
  srv_invalid: ['El servidor rechazó esta entrevista (respuestas no válidas: {n}). Ábrala, corrija y envíela de nuevo.', 'The server refused this interview (answers not valid: {n}). Open it, correct them and send it again.', 'O servidor recusou esta entrevista (respostas inválidas: {n}). Abra-a, corrija e envie de novo.', 'Le serveur a refusé cet entretien (réponses non valides\u00a0: {n}). Ouvrez-le, corrigez et renvoyez-le.'],
  srv_interview_not_found: ['El servidor no tiene ninguna entrevista suya con este identificador.', 'The server has no interview of yours with this id.', 'O servidor não tem nenhuma entrevista sua com este identificador.', 'Le serveur n’a aucun entretien de vous avec cet identifiant.'],
  srv_visit_owner: ['Esta visita la envió otro encuestador; no se puede cambiar aquí.', 'This visit was sent by another interviewer; it cannot be changed here.', 'Esta visita foi enviada por outro entrevistador; não pode ser alterada aqui.', 'Cette visite a été envoyée par un autre enquêteur\u00a0; elle ne peut pas être modifiée ici.'],
  srv_visit_changed: ['Esta visita ya se envió con otros datos; una visita no se puede cambiar. Registre una visita nueva.', 'This visit was already sent with other details; a visit cannot be changed. Record a new visit instead.', 'Esta visita já foi enviada com outros dados; uma visita não pode ser alterada. Registre uma nova visita.', 'Cette visite a déjà été envoyée avec d’autres données\u00a0; une visite ne peut pas être modifiée. Enregistrez une nouvelle visite.'],
  // A visit's appointment refused (PUT /api/field/attempts): the form checks the same, so only a
  // visit made before midnight and recorded after, or a device fault, meets them. A visit never
  // changes once recorded: record it again, then remove the refused one (Log out lists it).
  srv_appointment_range: ['El día de la cita ({day}) debe estar entre el día de la visita ({first}) y {n} días después ({last}). Registre la visita de nuevo con otro día y quite esta.', 'The appointment’s day ({day}) must be from the visit’s day ({first}) to {n} days after it ({last}). Record the visit again with another day and remove this one.', 'O dia do agendamento ({day}) deve estar entre o dia da visita ({first}) e {n} dias depois ({last}). Registre a visita de novo com outro dia e remova esta.', 'Le jour du rendez-vous ({day}) doit être entre le jour de la visite ({first}) et {n}\u00a0jours après ({last}). Enregistrez à nouveau la visite avec un autre jour et retirez celle-ci.'],
  srv_appointment_date: ['El día de la cita de esta visita no es una fecha válida. Registre la visita de nuevo y quite esta; avise a su supervisor.', 'The appointment’s day of this visit is not a valid date. Record the visit again and remove this one; tell your supervisor.', 'O dia do agendamento desta visita não é uma data válida. Registre a visita de novo e remova esta; avise seu supervisor.', 'Le jour du rendez-vous de cette visite n’est pas une date valide. Enregistrez à nouveau la visite et retirez celle-ci\u00a0; prévenez votre superviseur.'],
  srv_appointment_time: ['La hora de la cita de esta visita no es una hora como 15:00. Registre la visita de nuevo y quite esta; avise a su supervisor.', 'The appointment’s time of this visit is not a time like 15:00. Record the visit again and remove this one; tell your supervisor.', 'A hora do agendamento desta visita não é uma hora como 15:00. Registre a visita de novo e remova esta; avise seu supervisor.', 'L’heure du rendez-vous de cette visite n’est pas une heure comme 15:00. Enregistrez à nouveau la visite et retirez celle-ci\u00a0; prévenez votre superviseur.'],
  srv_appointment_no_date: ['Esta visita tiene la hora de una cita, pero no su día. Registre la visita de nuevo con el día y quite esta; avise a su supervisor.', 'This visit has an appointment’s time but not its day. Record the visit again with the day and remove this one; tell your supervisor.', 'Esta visita tem a hora de um agendamento, mas não o dia. Registre a visita de novo com o dia e remova esta; avise seu supervisor.', 'Cette visite a l’heure d’un rendez-vous mais pas son jour. Enregistrez à nouveau la visite avec le jour et retirez celle-ci\u00a0; prévenez votre superviseur.'],
  srv_appointment_outcome: ['Esta visita tiene una cita, pero su resultado no es «volver otro día (cita)». Registre la visita de nuevo y quite esta; avise a su supervisor.', 'This visit has an appointment, but its outcome is not “come back (appointment)”. Record the visit again and remove this one; tell your supervisor.', 'Esta visita tem um agendamento, mas seu resultado não é “voltar outro dia (agendamento)”. Registre a visita de novo e remova esta; avise seu supervisor.', 'Cette visite a un rendez-vous, mais son résultat n’est pas «\u00a0revenir (rendez-vous)\u00a0». Enregistrez à nouveau la visite et retirez celle-ci\u00a0; prévenez votre superviseur.'],
  // Problems of a refused interview (422 invalid), by their `reason` (problemText).
  prob_not_object: ['Las respuestas no tienen la forma esperada; avise a su supervisor.', 'The answers are not in the expected form; tell your supervisor.', 'As respostas não estão na forma esperada; avise seu supervisor.', 'Les réponses ne sont pas dans la forme attendue\u00a0; prévenez votre superviseur.'],
  prob_in_repeat: ['Esta respuesta debe estar dentro de cada vuelta de «{repeat}»; avise a su supervisor.', 'This answer belongs inside each round of “{repeat}”; tell your supervisor.', 'Esta resposta deve estar dentro de cada rodada de “{repeat}”; avise seu supervisor.', 'Cette réponse doit se trouver dans chaque tour de «\u00a0{repeat}\u00a0»\u00a0; prévenez votre superviseur.'],
  prob_takes_no_answer: ['Este elemento no lleva respuesta; avise a su supervisor.', 'This item takes no answer; tell your supervisor.', 'Este item não leva resposta; avise seu supervisor.', 'Cet élément ne prend pas de réponse\u00a0; prévenez votre superviseur.'],
  prob_unknown_item: ['El cuestionario no tiene esta pregunta; sincronice para descargar las asignaciones y avise a su supervisor.', 'The questionnaire has no such question; sync to download the assignments again and tell your supervisor.', 'O questionário não tem esta pergunta; sincronize para baixar as atribuições e avise seu supervisor.', 'Le questionnaire n’a pas cette question\u00a0; synchronisez pour télécharger les affectations et prévenez votre superviseur.'],
  prob_repeat_not_list: ['Las vueltas de esta sección no tienen la forma esperada; avise a su supervisor.', 'The rounds of this section are not in the expected form; tell your supervisor.', 'As rodadas desta seção não estão na forma esperada; avise seu supervisor.', 'Les tours de cette section ne sont pas dans la forme attendue\u00a0; prévenez votre superviseur.'],
  prob_repeat_skipped: ['Esta sección tiene respuestas, pero las respuestas anteriores la saltan. Revise las respuestas anteriores.', 'This section has answers, but the earlier answers skip it. Check the earlier answers.', 'Esta seção tem respostas, mas as respostas anteriores a pulam. Confira as respostas anteriores.', 'Cette section a des réponses, mais les réponses précédentes la font sauter. Vérifiez les réponses précédentes.'],
  prob_too_many_instances: ['Hay {given} vueltas, pero las respuestas anteriores piden {count}.', 'There are {given} rounds, but the earlier answers ask for {count}.', 'Há {given} rodadas, mas as respostas anteriores pedem {count}.', 'Il y a {given} tours, mais les réponses précédentes en demandent {count}.'],
  prob_not_in_repeat: ['Esta pregunta no forma parte de «{repeat}»; avise a su supervisor.', 'This question is not part of “{repeat}”; tell your supervisor.', 'Esta pergunta não faz parte de “{repeat}”; avise seu supervisor.', 'Cette question ne fait pas partie de «\u00a0{repeat}\u00a0»\u00a0; prévenez votre superviseur.'],
  prob_skipped: ['Tiene respuesta, pero las respuestas anteriores saltan esta pregunta. Revise las respuestas anteriores.', 'Answered, but the earlier answers skip this question. Check the earlier answers.', 'Respondida, mas as respostas anteriores pulam esta pergunta. Confira as respostas anteriores.', 'Répondue, mais les réponses précédentes font sauter cette question. Vérifiez les réponses précédentes.'],
  prob_required: ['Esta pregunta necesita una respuesta.', 'This question needs an answer.', 'Esta pergunta precisa de uma resposta.', 'Cette question nécessite une réponse.'],
  prob_blank: ['Respuesta vacía: responda o deje la pregunta sin responder.', 'Blank answer: answer it or leave it unanswered.', 'Resposta vazia: responda ou deixe a pergunta sem resposta.', 'Réponse vide\u00a0: répondez ou laissez la question sans réponse.'],
  prob_type_whole_number: ['Debe ser un número entero.', 'Must be a whole number.', 'Deve ser um número inteiro.', 'Doit être un nombre entier.'],
  prob_type_choice_code: ['Debe ser una de las opciones.', 'Must be one of the options.', 'Deve ser uma das opções.', 'Doit être l’une des options.'],
  prob_type_choice_codes: ['Debe marcar al menos una de las opciones.', 'Must mark at least one of the options.', 'Deve marcar pelo menos uma das opções.', 'Doit cocher au moins une des options.'],
  prob_type_number: ['Debe ser un número.', 'Must be a number.', 'Deve ser um número.', 'Doit être un nombre.'],
  prob_type_text: ['Debe ser un texto.', 'Must be text.', 'Deve ser um texto.', 'Doit être un texte.'],
  prob_value: ['Esta respuesta no es válida.', 'This answer is not valid.', 'Esta resposta não é válida.', 'Cette réponse n’est pas valide.'],
  prob_constraint: ['La respuesta no cumple la condición de la pregunta.', 'The answer does not meet the question’s check.', 'A resposta não cumpre a condição da pergunta.', 'La réponse ne respecte pas la condition de la question.'],
  prob_constraint_detail: ['La respuesta no cumple la condición de la pregunta: {detail}', 'The answer does not meet the question’s check: {detail}', 'A resposta não cumpre a condição da pergunta: {detail}', 'La réponse ne respecte pas la condition de la question\u00a0: {detail}'],
  prob_language: ['La encuesta no se ofrece en el idioma de esta entrevista ({language}); avise a su supervisor.', 'The wave is not offered in this interview’s language ({language}); tell your supervisor.', 'A pesquisa não é oferecida no idioma desta entrevista ({language}); avise seu supervisor.', 'La vague n’est pas proposée dans la langue de cet entretien ({language})\u00a0; prévenez votre superviseur.'],
  prob_paradata: ['Los datos de tiempos de la entrevista no tienen la forma esperada; avise a su supervisor.', 'The interview’s timing data are not in the expected form; tell your supervisor.', 'Os dados de tempo da entrevista não estão na forma esperada; avise seu supervisor.', 'Les données de temps de l’entretien ne sont pas dans la forme attendue\u00a0; prévenez votre superviseur.'],
  prob_paradata_size: ['Los datos de tiempos de la entrevista ocupan {size} bytes; el servidor acepta hasta {max}. Avise a su supervisor; nada se borró del dispositivo.', 'The interview’s timing data take {size} bytes; the server takes at most {max}. Tell your supervisor; nothing was deleted from the device.', 'Os dados de tempo da entrevista ocupam {size} bytes; o servidor aceita até {max}. Avise seu supervisor; nada foi apagado do dispositivo.', 'Les données de temps de l’entretien font {size} octets\u00a0; le serveur en accepte au plus {max}. Prévenez votre superviseur\u00a0; rien n’a été supprimé de l’appareil.'],
  prob_household: ['El registro del hogar (lista de personas y selección) no sigue la regla de la encuesta; avise a su supervisor.', 'The household record (roster and selection) does not follow the wave’s rule; tell your supervisor.', 'O registro do domicílio (lista de pessoas e seleção) não segue a regra da pesquisa; avise seu supervisor.', 'L’enregistrement du ménage (liste des personnes et sélection) ne suit pas la règle de la vague\u00a0; prévenez votre superviseur.'],
  prob_household_selection: ['La regla de selección, aplicada el {date}, elige a la persona {line} de la lista, no a la {sent}; avise a su supervisor.', 'The selection rule, applied on {date}, picks person {line} of the list, not person {sent}; tell your supervisor.', 'A regra de seleção, aplicada em {date}, escolhe a pessoa {line} da lista, não a {sent}; avise seu supervisor.', 'La règle de sélection, appliquée le {date}, choisit la personne {line} de la liste, et non la personne {sent}\u00a0; prévenez votre superviseur.'],
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

/**
 * A text with a count: TEXTS `${key}_one` or `${key}_other` as the app language's plural rule
 * picks for `n` ("1 visita", "2 visitas"; French "1 visite", also for 0), `n` filled in.
 */
export function tn(key, n, values = {}) {
  const form = new Intl.PluralRules(current).select(n) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}`, { ...values, n });
}

/**
 * What the server said, in the app's language: `source` is an ApiError or what the app stored of
 * one (`{code, reason, params, message}`); a reason the app has no text for shows the server's own
 * (English) message, so nothing the server says is ever lost.
 */
export function serverText(source) {
  if (!source) return '';
  const key = `srv_${source.reason || source.code || ''}`;
  if (TEXTS[key]) return t(key, withDays(source.params || {}));
  return source.message || '';
}

// Params in which the server names a day, as ISO text for machines (`approved`: `date`;
// `appointment_range`: `day`, `first`, `last`; surveyapp/docs/fieldwork.md).
const DAY_PARAMS = ['date', 'day', 'first', 'last'];

/** `params` with each day the server named written the app language's way. */
function withDays(params) {
  const values = { ...params };
  for (const name of DAY_PARAMS) if (name in values) values[name] = longDay(values[name]);
  return values;
}

/**
 * A day (ISO `2026-12-06`) written in the app's language: "6 de diciembre de 2026",
 * "6 décembre 2026". Read as a calendar day, so no time zone moves it; anything else as it came.
 */
export function longDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? ''));
  if (!match) return String(text ?? '');
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(current, { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

/**
 * A moment (a Date or ISO text) written in the app's language with its day and time on the
 * 24-hour clock, in the device's time zone: "8 dic 2026, 15:40", "Dec 8, 2026, 15:40",
 * "8 déc. 2026, 15:40"; "?" for what is not a time. Every time the app shows goes through here:
 * English is otherwise written on the 12-hour clock ("3:40 PM"), while the staff pages, the
 * appointment's time field and the other languages say "15:40" (surveyapp/docs/fieldwork.md).
 */
export function dateTime(value) {
  const moment = value instanceof Date ? value : new Date(value ?? NaN);
  if (Number.isNaN(moment.getTime())) return '?';
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(moment);
}

/** The engine's own message tables (questionnaires/engine/messages.json), when it is loaded. */
function engineMessages() {
  const engine = typeof globalThis !== 'undefined' ? globalThis.SurveyEngine : undefined;
  return engine && typeof engine.messages === 'function' ? engine.messages() : null;
}

/** A whole number the server sent as text, grouped the app language's way. */
function grouped(text) {
  const number = Number(text);
  return Number.isInteger(number) ? number.toLocaleString(current) : String(text ?? '');
}

/**
 * One problem of an interview the server refused (`{path, message, reason, params}`), in the
 * app's language: the engine's own message for a broken rule of an item (`value`: `params.check`
 * is its key), else the app's `prob_<reason>` text; the server's (English) message otherwise.
 */
export function problemText(problem) {
  if (!problem) return '';
  const params = problem.params || {};
  if (problem.reason === 'value') {
    const tables = engineMessages();
    const table = tables && (tables[current] || tables.en);
    const template = table && table[params.check];
    if (!template) return t('prob_value');
    const values = { ...params };
    if (params.check === 'special_alone') values.label = table[String(params.code) === '-8' ? 'dont_know' : 'refused'] || '';
    return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
  }
  let key = `prob_${problem.reason || ''}`;
  if (problem.reason === 'type') key = `prob_type_${params.expected}`;
  if (problem.reason === 'constraint' && params.detail) key = 'prob_constraint_detail';
  if (!TEXTS[key]) return problem.message || '';
  const values = withDays(params);
  for (const name of ['given', 'count', 'size', 'max']) if (name in values) values[name] = grouped(values[name]);
  return t(key, values);
}
